package ui

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// OpenURLFunc opens a web link in the browser, or says why it cannot.
type OpenURLFunc func(u string) error

// errNoBrowser is returned where nothing can open a link: no opener on
// the path, or (on Linux) no graphical session, as over SSH.
var errNoBrowser = fmt.Errorf("no browser here")

// openInBrowser hands u to xdg-open (Linux and the BSDs) or open (macOS)
// without waiting for the browser.
func openInBrowser(u string) error {
	name := "xdg-open"
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		return errNoBrowser
	default:
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return errNoBrowser
		}
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return errNoBrowser
	}
	cmd := exec.Command(path, u)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; the browser outlives it
	return nil
}

// webLink is link as an http or https URL, if it is one. Links come from
// the workbook, which is hostile input: only web links are handed on, so a
// crafted scheme never reaches the opener.
func webLink(link string) (string, bool) {
	s := strings.TrimSpace(Sanitize(link))
	if strings.HasPrefix(strings.ToLower(s), "www.") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	return u.String(), true
}

// linkOpenedMsg is the result of opening a link.
type linkOpenedMsg struct {
	url string
	err error
}

// openLink opens link in the browser in the background; where none can
// open it, or it is a document reference, the status line shows it.
func (a *App) openLink(link string) tea.Cmd {
	u, ok := webLink(link)
	if !ok {
		return a.setStatus("Not a web link, so nothing to open: "+oneLine(link), false)
	}
	open := a.openURL
	return func() tea.Msg { return linkOpenedMsg{url: u, err: open(u)} }
}

// applyLinkOpened says where the link went.
func (a *App) applyLinkOpened(msg linkOpenedMsg) tea.Cmd {
	if msg.err != nil {
		return a.setStatus("No browser can open it here; the link is "+oneLine(msg.url), false)
	}
	return a.setStatus("Opened "+oneLine(msg.url)+" in the browser", false)
}
