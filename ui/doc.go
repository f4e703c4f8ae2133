// Package ui is the wgll terminal app: a Bubble Tea v2 program in which a
// board scores the What Good Looks Like statements, records evidence and
// actions, and watches the heatmap fill in.
//
// # Shape
//
// One root model, App (app.go), owns what every screen shares: the store,
// the open assessment and the position in it, the layout (layout.go), the
// styles, the dialog stack and the status line. Each screen keeps its own
// state in its own file (screen_*.go) behind the screen interface
// (screen.go). Each dialog is its own file (dialog_*.go, and form_*.go for
// the forms); a dialog never touches App: it returns a typed action
// (actions.go) that the root interprets. Every store call runs in a
// tea.Cmd and comes back as a typed message carrying err (cmds.go). Every
// string that came from the workbook passes through Sanitize before it is
// drawn or put into an editor.
//
// Keys are routed in one place, App.handleKey: quit, then the top dialog,
// then a screen's focused text input, then global keys, then the screen.
//
// # Adding a screen
//
//  1. Add its screenID constant in screen.go.
//  2. Write screen_NAME.go with a struct holding the screen's own state and
//     the four methods of screen: update (a key press), view (the body,
//     l.width x l.bodyHeight), breadcrumb and keys (the help line). Read
//     shared state from the *App argument; change shared state only through
//     App's methods (open, goTo, setStatus, push, ...).
//  3. Register it in newScreens (screen.go) and open it by setting
//     a.screen (from a key, or from a result message in app.go).
//  4. Add goldens at 80x24, 100x30 and 160x45 (screens_golden_test.go).
//
// # Adding a dialog
//
//  1. Write dialog_NAME.go (or form_NAME.go for a form built on form.go)
//     with a type implementing dialog (dialog.go): update returns an action
//     and a command, view draws the box's text l.dialogText wide, keys is
//     its help line.
//  2. If it asks the root to do something new, add a typed action in
//     actions.go and a case for it in App.apply.
//  3. Open it with a.push(d); the stack closes it on actClose.
package ui
