package main

import (
	"fmt"
	"os/exec"
	"runtime"

	"wgll/criteria"
)

// openInBrowser opens a resource's web address with the system's opener,
// for the app's o key. The address is checked first (criteria stored in a
// workbook may come from anyone) and passed as one argument, never through
// a shell. The opener's output is discarded so it cannot draw over the app.
func openInBrowser(url string) error {
	if err := criteria.CheckURL(url); err != nil {
		return err
	}
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("no browser could be started (%v)", err)
	}
	go cmd.Wait()
	return nil
}
