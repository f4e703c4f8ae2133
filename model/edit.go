package model

// The methods here keep an in-memory Assessment in step with the store after
// each committed edit, so the app never reloads the whole assessment.

// PutResponse records r, replacing any earlier response for its statement.
func (a *Assessment) PutResponse(r Response) {
	if a.Responses == nil {
		a.Responses = map[string]Response{}
	}
	a.Responses[r.StatementID] = r
}

// PutEvidence adds e, or replaces the item with the same ID.
func (a *Assessment) PutEvidence(e Evidence) {
	if a.Evidence == nil {
		a.Evidence = map[string][]Evidence{}
	}
	list := a.Evidence[e.StatementID]
	for i := range list {
		if list[i].ID == e.ID {
			list[i] = e
			return
		}
	}
	a.Evidence[e.StatementID] = append(list, e)
}

// RemoveEvidence drops the item with the given ID, if present.
func (a *Assessment) RemoveEvidence(id int64) {
	for sid, list := range a.Evidence {
		for i := range list {
			if list[i].ID == id {
				a.Evidence[sid] = append(list[:i:i], list[i+1:]...)
				return
			}
		}
	}
}

// PutAction adds x, or replaces the action with the same ID.
func (a *Assessment) PutAction(x Action) {
	if a.Actions == nil {
		a.Actions = map[string][]Action{}
	}
	list := a.Actions[x.StatementID]
	for i := range list {
		if list[i].ID == x.ID {
			list[i] = x
			return
		}
	}
	a.Actions[x.StatementID] = append(list, x)
}

// RemoveAction drops the action with the given ID, if present.
func (a *Assessment) RemoveAction(id int64) {
	for sid, list := range a.Actions {
		for i := range list {
			if list[i].ID == id {
				a.Actions[sid] = append(list[:i:i], list[i+1:]...)
				return
			}
		}
	}
}
