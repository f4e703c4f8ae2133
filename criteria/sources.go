package criteria

import "strings"

// Document is one published document the built-in criteria cite. A
// statement's source is written "TITLE · SECTION", where TITLE is a
// document's Cite text and SECTION names the pillar, success measure or
// audience within it, so that a reader can find the passage.
type Document struct {
	// Cite is how a source names the document.
	Cite string
	// Where says how a reader finds it: a verified public address, or the
	// repository that publishes it.
	Where string
	// About says what the document is and how the criteria use it.
	About string
}

// SynthesisCite is how a source says a statement is this project's own
// synthesis rather than the words of any one document.
const SynthesisCite = "wgll synthesis"

// Documents are the documents the built-in frameworks cite. A test fails
// if a built-in statement cites anything else, so adding a source means
// adding it here first, with where to find it.
var Documents = []Document{
	{
		Cite:  "What Good Looks Like (NHSX, 2021)",
		Where: "https://www.nhsx.nhs.uk/digitise-connect-transform/what-good-looks-like/what-good-looks-like-publication/ (now https://transform.england.nhs.uk/digitise-connect-transform/what-good-looks-like/)",
		About: "the framework as first published, 31 August 2021: its seven success measures and what good looks like for an ICS and for an organisation; sections name the success measure and the audience",
	},
	{
		Cite:  "WGLL v2 draft (2025), as summarised in WGLL pillars vs OAM business capabilities (SCW, January 2026)",
		Where: "the public GitHub repository scw-nhs/wgll-design-history, folder _site/assets/pdfs/",
		About: "the unpublished v2 draft's example success measures for each of the seven pillars, listed in SCW's rapid review against the One Architecture Model; sections name the pillar",
	},
	{
		Cite:  "WGLL v3 alpha technical documentation (SCW, March 2026)",
		Where: "the public GitHub repository scw-nhs/wgll-design-history, folder _site/assets/pdfs/",
		About: "the v3 alpha content model; Appendix B gives the whole Well led pillar, success measures 1.1 to 1.5, with what you will see and how success is measured; sections name the pillar and success measure",
	},
	{
		Cite:  "Data Security and Protection Toolkit (NHS England)",
		Where: "https://www.dsptoolkit.nhs.uk/",
		About: "the yearly self-assessment against the National Data Guardian's ten data security standards, aligned with the NCSC Cyber Assessment Framework since September 2024",
	},
	{
		Cite:  "Digital Maturity Assessment (NHS England)",
		Where: "https://www.england.nhs.uk/digitaltechnology/connecteddigitalsystems/digital-maturity-assessment/",
		About: "the yearly self-assessment of trusts and ICBs against the seven WGLL success measures, scored 1 to 5 by cumulative levels",
	},
	{
		Cite:  SynthesisCite,
		Where: "this file",
		About: "this project's own synthesis of the documents above, where a statement joins several of them or fills a gap between them; the resources on the statement say what it draws on",
	},
}

// SourceDocument returns the document a statement's source cites: the
// text before the first " · " must be a Document's Cite.
func SourceDocument(source string) (Document, bool) {
	cite, _, _ := strings.Cut(source, " · ")
	for _, d := range Documents {
		if d.Cite == strings.TrimSpace(cite) {
			return d, true
		}
	}
	return Document{}, false
}
