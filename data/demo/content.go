package demo

// The text the demo workbooks are made of. Everything here is invented for
// a fictional trust and system; any likeness to a real organisation is
// accidental. Pools are keyed by measure key and fall back to the measure's
// position for criteria files with other keys.

import (
	"fmt"

	"wgll/criteria"
)

// The fictional organisations.
const (
	// TrustName is the demo organisation.
	TrustName = "Northfield Valley NHS Foundation Trust"
	// SystemName is the demo integrated care system.
	SystemName = "Northfield and Riverside Integrated Care System"
)

// measureKeys lists the built-in measure keys in framework order; a measure
// with another key borrows the pool at its position.
var measureKeys = []string{"well-led", "smart-foundations", "safe-practice", "support-people", "empower-people", "improve-care", "healthy-populations"}

// poolIndex says which measure's text pool to use for m at position i.
func poolIndex(m criteria.Measure, i int) int {
	for k, key := range measureKeys {
		if key == m.Key {
			return k
		}
	}
	return i % len(measureKeys)
}

// nationalMeans are the 2025 Digital Maturity Assessment pillar means for
// acute trusts and for ICBs, in measure order, that the demo scores hover
// around so the heatmap looks like a real trust's.
var nationalMeans = map[criteria.Audience][]float64{
	criteria.Organisation: {2.83, 2.65, 2.37, 2.61, 2.15, 2.42, 2.17},
	criteria.ICS:          {2.45, 3.19, 2.35, 1.96, 2.30, 2.82, 2.88},
}

// evidenceItem is a title with the document it lives in.
type evidenceItem struct{ title, link string }

var evidencePool = [][]evidenceItem{
	{ // well led
		{"Digital strategy 2025-2028 approved by the Board", "Board paper 2025-05, item 9"},
		{"CCIO attends Trust Board: revised terms of reference", "Board terms of reference v4, section 3"},
		{"Digital Programme Board minutes and action log", "Digital Programme Board, March minutes"},
		{"Board development session on digital leadership", "Board seminar pack, 2025-09"},
		{"Board Assurance Framework risk on digital delivery", "BAF risk 07, quarterly review"},
		{"Clinical Digital Design Authority terms of reference", "CDDA ToR v2"},
		{"Annual governance statement: digital and cyber risks", "Annual report 2024/25, p. 61"},
		{"Patient panel review of the digital strategy", "Patient panel notes, 2025-04"},
	},
	{ // smart foundations
		{"EPR phase 2 benefits realisation report", "Finance and Performance Committee, 2025-07"},
		{"Cloud migration plan, phase 2 of 3", "https://intranet.northfield.example/digital/cloud-plan"},
		{"Wi-Fi and network refresh completion certificate", "Estates project closure report NR-14"},
		{"Infrastructure lifecycle register", "Digital Services asset register, tab 'Lifecycle'"},
		{"Shared care record usage dashboard", "https://intranet.northfield.example/bi/shcr-usage"},
		{"Interoperability standards register (FHIR APIs)", "Technical Design Authority paper TDA-22"},
		{"PAS and EPR supplier contract review", "Procurement paper PR-2025-031"},
		{"Data centre failover test report", "Infrastructure test report, 2025-02"},
	},
	{ // safe practice
		{"DSPT 2024/25 submission: Standards Met", "DSPT publication, June 2025"},
		{"Cyber Essentials Plus certificate", "Certificate CE+ 2025-11873"},
		{"DCB0160 clinical safety case for electronic prescribing", "Clinical safety case CSC-EPMA-v3"},
		{"Penetration test report and remediation log", "Audit Committee, 2025-06, item 5"},
		{"Cyber alert response audit (high-severity alerts)", "Internal audit report IA-25-09"},
		{"SIRO annual report to Audit Committee", "Audit Committee, 2025-04, item 8"},
		{"Business continuity exercise: 24-hour EPR downtime", "Exercise Lantern debrief report"},
		{"Single sign-on rollout report: emergency department", "Digital Programme Board, 2025-10"},
	},
	{ // support people
		{"Digital skills training completion report", "Workforce Committee, Q2 dashboard"},
		{"NHS Staff Survey: digital questions analysis", "People Committee, 2025-03, item 4"},
		{"Digital champions network terms of reference", "Digital champions ToR v1.2"},
		{"EPR usability survey of nurses and doctors", "Usability survey report, 2025-08"},
		{"Informatics career framework", "HR policy HR-112"},
		{"Agile and remote working policy", "HR policy HR-087"},
		{"Nursing informatics fellowship: first cohort", "CNIO report to Nursing Board, 2025-09"},
		{"Change management toolkit for digital projects", "https://intranet.northfield.example/pmo/change-toolkit"},
	},
	{ // empower people
		{"NHS App integration: patient portal go-live report", "Digital Programme Board, 2025-01"},
		{"Digital inclusion plan co-designed with Healthwatch", "Patient Experience Committee, 2025-05"},
		{"Patient-initiated follow-up uptake report", "Outpatient transformation dashboard"},
		{"Online access to test results: audit", "Clinical audit CA-25-14"},
		{"Accessible Information Standard compliance review", "Equality report 2024/25"},
		{"Patient engagement group minutes on digital services", "Patient engagement group, 2025-07"},
		{"Outpatient self-booking pilot evaluation", "Evaluation report OP-SB-01"},
		{"Text message reminders: missed appointment reduction", "Outpatient board, 2025-06"},
	},
	{ // improve care
		{"Electronic prescribing live on all adult inpatient wards", "EPMA programme closure report"},
		{"Virtual ward outcomes report", "Quality Committee, 2025-09, item 6"},
		{"Video consultation activity report", "https://intranet.northfield.example/bi/remote-consults"},
		{"Sepsis alert audit: decision support in the EPR", "Clinical audit CA-25-03"},
		{"Electronic observations compliance by ward", "Nursing dashboard, September"},
		{"Frailty pathway redesign with community partners", "Place partnership board, 2025-04"},
		{"Bed management system evaluation", "Operational Management Group, 2025-08"},
		{"Closed-loop blood transfusion pilot results", "Transfusion committee, 2025-10"},
	},
	{ // healthy populations
		{"Population health management dashboard", "https://intranet.northfield.example/bi/phm"},
		{"Core20PLUS5 analysis of the trust's catchment", "Health inequalities group, 2025-03"},
		{"Secure data environment participation agreement", "Data sharing agreement DSA-2025-07"},
		{"Research data access approvals log", "R&D committee, quarterly report"},
		{"Analytics team skills audit", "Business intelligence strategy, annex B"},
		{"Smoking cessation programme evaluation", "Public health partnership, 2025-06"},
		{"Data quality maturity index trend", "Data quality report, Q2"},
		{"Linked dataset with the local authority", "Data sharing agreement DSA-2024-19"},
	},
}

// actionItem is an action with the role that would own it.
type actionItem struct{ title, owner string }

var actionPool = [][]actionItem{
	{ // well led
		{"Recruit a non-executive director with digital expertise", "Director of Corporate Affairs"},
		{"Run a board development session on AI and digital risk", "Chief Information Officer"},
		{"Refresh the digital strategy with frontline clinical input", "Chief Clinical Information Officer"},
		{"Add a digital delivery risk to the Board Assurance Framework", "Director of Corporate Affairs"},
		{"Publish a quarterly digital progress report to the Board", "Director of Digital Transformation"},
	},
	{ // smart foundations
		{"Agree the cloud hosting business case", "Chief Information Officer"},
		{"Replace the end-of-life pathology interface engine", "Head of Infrastructure"},
		{"Retire the legacy maternity system", "Director of Digital Transformation"},
		{"Connect community partners to the shared care record", "Head of Integration"},
		{"Publish the technical standards every new system must meet", "Chief Technology Officer"},
	},
	{ // safe practice
		{"Close the penetration test high-risk findings", "Head of Cyber Security"},
		{"Train two more clinical safety officers", "Clinical Safety Officer"},
		{"Test the EPR downtime procedure on every ward", "Head of Emergency Preparedness"},
		{"Extend single sign-on to outpatients", "Head of Infrastructure"},
		{"Report cyber risk to the Audit Committee every quarter", "Senior Information Risk Owner"},
	},
	{ // support people
		{"Make digital skills part of the induction programme", "Director of Workforce"},
		{"Fund a second cohort of nursing informatics fellows", "Chief Nursing Information Officer"},
		{"Act on the EPR usability survey's top five issues", "Chief Clinical Information Officer"},
		{"Set up a digital champions network in every division", "Head of Digital Training"},
		{"Give community staff mobile devices with offline access", "Head of Infrastructure"},
	},
	{ // empower people
		{"Show outpatient letters in the NHS App", "Head of Digital Patient Services"},
		{"Co-design the digital inclusion plan with seldom-heard groups", "Patient Experience Lead"},
		{"Offer self-booking for all follow-up appointments", "Head of Outpatients"},
		{"Publish test results online within 24 hours", "Chief Clinical Information Officer"},
		{"Offer easy-read and translated digital letters", "Patient Experience Lead"},
	},
	{ // improve care
		{"Extend electronic prescribing to the emergency department", "Chief Pharmacist"},
		{"Add decision support for acute kidney injury", "Chief Clinical Information Officer"},
		{"Scale the respiratory virtual ward to 40 beds", "Director of Operations"},
		{"Roll out electronic observations in paediatrics", "Chief Nursing Information Officer"},
		{"Share discharge summaries electronically with GPs within 24 hours", "Head of Integration"},
	},
	{ // healthy populations
		{"Give ward teams a population health view of frequent attenders", "Head of Business Intelligence"},
		{"Join the regional secure data environment", "Associate Director of Research"},
		{"Target smoking cessation at the most deprived fifth of patients", "Director of Public Health Partnerships"},
		{"Build a health inequalities dashboard by ethnicity and deprivation", "Head of Business Intelligence"},
		{"Evaluate the frailty prevention programme", "Associate Director of Research"},
	},
}

// rationaleContext gives each measure two sentences of local colour that
// rationales draw on.
var rationaleContext = [][]string{
	{"The CCIO and CNIO attend the Board and digital is a standing item.", "The digital strategy was refreshed in 2025 with clinical and patient input."},
	{"The EPR is live across acute services and the network refresh is complete.", "Two legacy systems are still on unsupported servers awaiting migration."},
	{"The DSPT was submitted as Standards Met and Cyber Essentials Plus is held.", "Clinical safety cases are written for major deployments but not yet for every change."},
	{"Digital training is part of induction and a champions network is forming.", "Staff survey scores for usable systems are below the national average."},
	{"Patients can see appointments and letters in the NHS App.", "Digital inclusion work has started but seldom-heard groups are not yet involved."},
	{"Electronic prescribing is live on adult wards and virtual wards are running.", "Decision support is limited to sepsis and falls."},
	{"A population health dashboard is used by the business intelligence team.", "Frontline teams do not yet see population health data in their daily work."},
}

// scorePhrases open a rationale according to the score given.
var scorePhrases = []string{
	1: "Little is in place yet; this is a known gap the board has accepted for now.",
	2: "Early work has started but it is not consistent across divisions.",
	3: "In place for most services, with gaps the action plan addresses.",
	4: "Well established and monitored, with quarterly assurance to the board.",
	5: "Embedded, measured and improving; the ICS cites it as an example to others.",
}

// rationale writes a board's reasoning for a score of s on a statement of
// the measure with pool index p; variant picks among the phrasings.
func rationale(p int, s int, variant int) string {
	ctx := rationaleContext[p%len(rationaleContext)]
	evidence := evidencePool[p%len(evidencePool)]
	e := evidence[variant%len(evidence)]
	return fmt.Sprintf("%s %s See: %s (%s).", scorePhrases[s], ctx[variant%len(ctx)], e.title, e.link)
}

// largeRoles and largeDivisions multiply into the large demo's 200 owners.
var (
	largeRoles = []string{
		"Clinical Safety Officer", "Digital Lead", "Divisional Director", "Head of Nursing",
		"Clinical Director", "Service Manager", "Information Governance Lead", "Business Intelligence Partner",
		"Digital Training Lead", "Matron", "Operations Manager", "EPR Clinical Lead",
		"Pharmacy Lead", "Research Lead", "Patient Experience Partner", "Workforce Partner",
		"Infrastructure Engineer", "Integration Analyst", "Cyber Security Analyst", "Project Manager",
	}
	largeDivisions = []string{
		"Surgery", "Medicine", "Women's and Children's", "Emergency Care", "Diagnostics",
		"Community Services", "Mental Health Liaison", "Corporate Services", "Cancer Services", "Critical Care",
	}
)

// largeOwner is owner i of the large demo's 200.
func largeOwner(i int) string {
	return largeRoles[i%len(largeRoles)] + ", " + largeDivisions[(i/len(largeRoles))%len(largeDivisions)]
}

// noteParagraphs are joined to make the large demo's 5 KB evidence notes.
var noteParagraphs = []string{
	"The paper sets out the position at the end of the quarter against each milestone in the plan, with a red, amber or green rating agreed by the programme board and the named executive lead.",
	"Clinical leads from each division reviewed the findings in a workshop; their comments are recorded in the appendix together with the responses of the project team.",
	"Data in the tables are taken from the live reporting warehouse on the first working day of the month and were checked against the source systems by the information team.",
	"Risks are scored on the trust's five-by-five matrix; the three highest are escalated to the Board Assurance Framework and reviewed monthly by the executive team.",
	"Patient representatives were involved from the design stage and their feedback shaped the order in which services were brought onto the new system.",
	"The evaluation compares the six months before and after go-live and adjusts for seasonal variation in activity using the previous two years' figures.",
}
