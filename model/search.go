package model

import "strings"

// The / search's rule (issue 16): the hits are the statements, evidence
// items and actions of one assessment whose text holds every word typed,
// case-insensitively, in the order the measures show them: each statement,
// then its evidence, then its actions, each list in the order added. The
// store runs it in SQL (data/search.go) so that searching never loads the
// assessment's items; SearchAssessment runs it over an assessment in
// memory, for fakes and to check the SQL against.

// SearchKind is what a search hit is.
type SearchKind int

// The kinds of hit.
const (
	HitStatement SearchKind = iota
	HitEvidence
	HitAction
)

// SearchStatement is one statement as the search sees it. Text is
// everything searched for it (id, text, guidance, rationale) already folded
// to lower case by the caller, which holds the criteria and responses in
// memory and sanitises them as it shows them.
type SearchStatement struct {
	ID   string
	Text string
}

// SearchQuery is one search of assessment AssessmentID.
type SearchQuery struct {
	AssessmentID int64
	// Words are what must all appear (SearchWords); none finds nothing.
	Words []string
	// Statements are the statements searched, in the order hits are
	// listed; items filed under other statements are not searched.
	Statements []SearchStatement
	// Limit is the most hits returned; Total still counts them all.
	Limit int
}

// SearchHit is one thing found. Title is the evidence item's or action's
// title as stored (unsanitised); empty for a statement.
type SearchHit struct {
	Kind        SearchKind
	StatementID string
	ID          int64
	Title       string
}

// SearchResult is the first Limit hits and how many there are in all.
type SearchResult struct {
	Hits  []SearchHit
	Total int
}

// More is how many hits were found beyond those returned.
func (r SearchResult) More() int { return r.Total - len(r.Hits) }

// SearchWords splits what was typed into the lower-case words to find.
func SearchWords(typed string) []string { return strings.Fields(strings.ToLower(typed)) }

// HasAllWords reports whether text (folded to lower case) holds every word.
func HasAllWords(text string, words []string) bool {
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// SearchText is what the search reads of an evidence item: its title,
// detail, link and who added it, folded to lower case.
func (e Evidence) SearchText() string {
	return strings.ToLower(e.Title + " " + e.Detail + " " + e.Link + " " + e.AddedBy)
}

// SearchText is what the search reads of an action: its title, owner and
// state, folded to lower case.
func (x Action) SearchText() string {
	return strings.ToLower(x.Title + " " + x.Owner + " " + string(x.Status))
}

// SearchAssessment runs q over a, which must hold the items of every
// statement searched (a whole assessment).
func SearchAssessment(a *Assessment, q SearchQuery) SearchResult {
	var r SearchResult
	add := func(h SearchHit) {
		r.Total++
		if len(r.Hits) < q.Limit {
			r.Hits = append(r.Hits, h)
		}
	}
	if len(q.Words) == 0 {
		return r
	}
	for _, s := range q.Statements {
		if HasAllWords(s.Text, q.Words) {
			add(SearchHit{Kind: HitStatement, StatementID: s.ID})
		}
		for _, e := range a.Evidence[s.ID] {
			if HasAllWords(e.SearchText(), q.Words) {
				add(SearchHit{Kind: HitEvidence, StatementID: s.ID, ID: e.ID, Title: e.Title})
			}
		}
		for _, x := range a.Actions[s.ID] {
			if HasAllWords(x.SearchText(), q.Words) {
				add(SearchHit{Kind: HitAction, StatementID: s.ID, ID: x.ID, Title: x.Title})
			}
		}
	}
	return r
}
