package ui

// Accessors the tests use to look inside the dialog stack and the screens.

func (a *App) testNotice() *notice {
	n, _ := dialogOf[*notice](a)
	return n
}

func (a *App) testOffer() *draftOffer {
	d, _ := dialogOf[*draftOffer](a)
	return d
}

func (a *App) helpOpen() bool {
	_, ok := dialogOf[*helpDialog](a)
	return ok
}

func (a *App) editing() bool { return a.sc.statement.ed.active }

func (a *App) editorText() string { return a.sc.statement.ta.Value() }
