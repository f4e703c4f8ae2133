package data

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"wgll/model"
)

func newKey(t testing.TB) gossh.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func openRole(t testing.TB, path, user string, role Role, now func() time.Time) *Store {
	t.Helper()
	if now == nil {
		now = fixedClock()
	}
	s, err := Open(path, Options{Create: true, User: user, Role: role, Now: now})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestUsersAddListRoleRemove(t *testing.T) {
	s := openT(t, newDB(t), "host")
	k1, k2 := newKey(t), newKey(t)
	u, err := s.AddUser(ctx, "  Ann Smith ", RoleMember, NewKey{Key: k1})
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "Ann Smith" || u.Role != RoleMember || len(u.Keys) != 1 || u.Keys[0].Fingerprint != Fingerprint(k1) || u.Keys[0].Type != "ssh-ed25519" {
		t.Fatalf("added %+v", u)
	}
	if _, err := s.AddUser(ctx, "ann smith", RoleObserver); err == nil || !strings.Contains(err.Error(), `already a user "Ann Smith"`) {
		t.Fatalf("duplicate name: %v", err)
	}
	if _, err := s.AddUser(ctx, "Bob", RoleMember, NewKey{Key: k1}); err == nil || !strings.Contains(err.Error(), "already Ann Smith's") {
		t.Fatalf("duplicate key: %v", err)
	}
	if _, err := s.UserNamed(ctx, "Bob"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a refused add wrote the user: %v", err)
	}
	if err := s.AddUserKey(ctx, "ANN SMITH", k2, "ann@laptop"); err != nil {
		t.Fatal(err)
	}
	got, err := s.UserByKey(ctx, k2)
	if err != nil || got.Name != "Ann Smith" || len(got.Keys) != 2 {
		t.Fatalf("UserByKey = %+v, %v", got, err)
	}
	if err := s.SetUserRole(ctx, "ann smith", RoleFacilitator); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddUser(ctx, "Bob", "boss"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad role: %v", err)
	}
	if _, err := s.AddUser(ctx, "Bob\x1b[31m", RoleMember); !errors.Is(err, ErrInvalid) {
		t.Fatalf("control character in name: %v", err)
	}
	us, err := s.Users(ctx)
	if err != nil || len(us) != 1 || us[0].Role != RoleFacilitator {
		t.Fatalf("Users = %+v, %v", us, err)
	}
	if err := s.RemoveUser(ctx, "Ann Smith"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserByKey(ctx, k1); !errors.Is(err, ErrNotFound) {
		t.Fatalf("key outlived its user: %v", err)
	}
	if err := s.RemoveUser(ctx, "Ann Smith"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("remove twice: %v", err)
	}
}

func TestObserverWritesRefusedByStore(t *testing.T) {
	path := newDB(t)
	host := openT(t, path, "host")
	h := createT(t, host)
	sid := orgStatements(t)[0]
	obs := openRole(t, path, "Projector", RoleObserver, nil)
	before := len(historyT(t, host))
	checks := map[string]error{}
	_, checks["score"] = obs.SetScore(ctx, h.ID, sid, 3)
	_, checks["rationale"] = obs.SetRationale(ctx, h.ID, sid, "x", 0)
	_, checks["evidence"] = obs.SaveEvidence(ctx, h.ID, model.Evidence{StatementID: sid, Title: "x"})
	_, checks["action"] = obs.SaveAction(ctx, h.ID, model.Action{StatementID: sid, Title: "x"})
	checks["draft"] = obs.SaveDraft(ctx, model.Draft{Key: "rationale/1/" + sid, Text: "x"})
	_, checks["undo"] = obs.Undo(ctx)
	_, checks["create"] = obs.CreateAssessment(ctx, model.Header{Organisation: "X", Audience: h.Audience, Period: "2030/31"}, nil)
	_, checks["add user"] = obs.AddUser(ctx, "Eve", RoleFacilitator)
	for what, err := range checks {
		if !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "Projector is an observer, who can read the workbook but not change it") {
			t.Errorf("%s: %v", what, err)
		}
	}
	if n := len(historyT(t, host)); n != before {
		t.Fatalf("change log grew from %d to %d", before, n)
	}
	// Reading still works.
	if _, err := obs.Assessment(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
}

func TestMemberScoresButManagesNothing(t *testing.T) {
	path := newDB(t)
	host := openT(t, path, "host")
	h := createT(t, host)
	sid := orgStatements(t)[0]
	m := openRole(t, path, "Ann", RoleMember, nil)
	if _, err := m.SetScore(ctx, h.ID, sid, 2); err != nil {
		t.Fatal(err)
	}
	if hs := historyT(t, host); hs[0].User != "Ann" {
		t.Fatalf("change log user %q", hs[0].User)
	}
	if _, err := m.AddUser(ctx, "Eve", RoleFacilitator); !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "only a facilitator may do this, and Ann is a member") {
		t.Fatalf("member adds user: %v", err)
	}
	if _, err := m.CreateInvite(ctx, "Eve", RoleFacilitator); !errors.Is(err, ErrForbidden) {
		t.Fatalf("member invites: %v", err)
	}
	if _, err := m.CreateAssessment(ctx, model.Header{Organisation: "X", Audience: h.Audience, Period: "2030/31"}, nil); !errors.Is(err, ErrForbidden) {
		t.Fatalf("member creates an assessment: %v", err)
	}
	if _, _, err := m.StartWorkshop(ctx, h.ID, sid, model.WorkshopOptions{}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("member starts a workshop: %v", err)
	}
	f := openRole(t, path, "Fay", RoleFacilitator, nil)
	if _, err := f.AddUser(ctx, "Eve", RoleMember); err != nil {
		t.Fatalf("facilitator adds user: %v", err)
	}
	w, _, err := f.StartWorkshop(ctx, h.ID, sid, model.WorkshopOptions{})
	if err != nil {
		t.Fatalf("facilitator starts a workshop: %v", err)
	}
	if err := m.CastVote(ctx, w.ID, sid, 1, "Ann", 3, ""); err != nil {
		t.Fatalf("member votes: %v", err)
	}
	if err := m.RevealRound(ctx, w.ID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("member reveals: %v", err)
	}
	if err := f.RevealRound(ctx, w.ID); err != nil {
		t.Fatalf("facilitator reveals: %v", err)
	}
}

func TestOnCommitCalledForEveryCommittedEdit(t *testing.T) {
	path := newDB(t)
	n := 0
	s, err := Open(path, Options{Create: true, User: "a", Now: fixedClock(), OnCommit: func() { n++ }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := createT(t, s)
	if _, err := s.SetScore(ctx, h.ID, orgStatements(t)[0], 2); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetScore(ctx, h.ID, "no-such-statement", 2); err == nil {
		t.Fatal("bad statement accepted")
	}
	if n != 2 {
		t.Fatalf("OnCommit called %d times, want 2 (a failed edit commits nothing)", n)
	}
}

func TestInvites(t *testing.T) {
	path := newDB(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	s := openRole(t, path, "host", "", clock)
	inv, err := s.CreateInvite(ctx, "Ann", RoleMember)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Code) != inviteLen+1 || inv.Code[inviteLen/2] != '-' || !inv.Expires.Equal(now.Add(InviteTTL)) {
		t.Fatalf("invite %+v", inv)
	}
	if n, err := s.OpenInvites(ctx); err != nil || n != 1 {
		t.Fatalf("OpenInvites = %d, %v", n, err)
	}
	if n, _, err := s.CheckInvite(ctx, inv.Code); err != nil || n != "Ann" {
		t.Fatalf("CheckInvite = %q, %v", n, err)
	}
	if _, why, err := s.CheckInvite(ctx, "ZZZZZ-ZZZZZ"); !errors.Is(err, ErrInviteRefused) || why != "wrong code" {
		t.Fatalf("CheckInvite wrong code: %v (%s)", err, why)
	}
	k := newKey(t)
	if _, why, err := s.RedeemInvite(ctx, "ZZZZZ-ZZZZZ", k); !errors.Is(err, ErrInviteRefused) || why != "wrong code" {
		t.Fatalf("wrong code: %v (%s)", err, why)
	}
	// Typed in lower case without the dash.
	u, _, err := s.RedeemInvite(ctx, strings.ToLower(strings.ReplaceAll(inv.Code, "-", "")), k)
	if err != nil || u.Name != "Ann" || u.Role != RoleMember || len(u.Keys) != 1 {
		t.Fatalf("redeem = %+v, %v", u, err)
	}
	if _, why, err := s.RedeemInvite(ctx, inv.Code, newKey(t)); !errors.Is(err, ErrInviteRefused) || !strings.HasPrefix(why, "code already used") {
		t.Fatalf("reused code: %v (%s)", err, why)
	}
	if _, why, err := s.CheckInvite(ctx, inv.Code); !errors.Is(err, ErrInviteRefused) || !strings.HasPrefix(why, "code already used") {
		t.Fatalf("CheckInvite reused code: %v (%s)", err, why)
	}
	late, err := s.CreateInvite(ctx, "Bob", RoleObserver)
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(InviteTTL)
	if n, err := s.OpenInvites(ctx); err != nil || n != 0 {
		t.Fatalf("OpenInvites after one was used and one expired = %d, %v", n, err)
	}
	kb := newKey(t)
	if _, why, err := s.CheckInvite(ctx, late.Code); !errors.Is(err, ErrInviteRefused) || !strings.HasPrefix(why, "code expired") {
		t.Fatalf("CheckInvite expired code: %v (%s)", err, why)
	}
	if _, why, err := s.RedeemInvite(ctx, late.Code, kb); !errors.Is(err, ErrInviteRefused) || !strings.HasPrefix(why, "code expired") {
		t.Fatalf("expired code: %v (%s)", err, why)
	}
	if _, err := s.UserNamed(ctx, "Bob"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("an expired code wrote the user: %v", err)
	}
	if _, err := s.UserByKey(ctx, kb); !errors.Is(err, ErrNotFound) {
		t.Fatalf("an expired code registered the key: %v", err)
	}
	// A second laptop for an existing user.
	again, err := s.CreateInvite(ctx, "ann", RoleFacilitator)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.RedeemInvite(ctx, again.Code, k); err == nil {
		t.Fatal("an already registered key was registered again")
	}
	u, _, err = s.RedeemInvite(ctx, again.Code, newKey(t))
	if err != nil || u.Name != "Ann" || u.Role != RoleFacilitator || len(u.Keys) != 2 {
		t.Fatalf("second laptop = %+v, %v", u, err)
	}
}

func TestImportAuthorizedKeys(t *testing.T) {
	s := openT(t, newDB(t), "host")
	line := func(k gossh.PublicKey, comment string) string {
		return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k))) + " " + comment
	}
	k1, k2, k3 := newKey(t), newKey(t), newKey(t)
	file := "# team keys\n\n" + line(k1, "ann@laptop") + "\n" + line(k2, "ann@desktop") + "\n" + line(k3, "bob") + "\n"
	res, err := s.ImportAuthorizedKeys(ctx, strings.NewReader(file), "", RoleMember)
	if err != nil || res.Keys != 3 || strings.Join(res.Users, ",") != "ann,bob" {
		t.Fatalf("import = %+v, %v", res, err)
	}
	// One bad line: nothing written.
	k4 := newKey(t)
	bad := line(k4, "cat") + "\n" + `command="rm -rf /" ` + line(newKey(t), "dog") + "\n"
	if _, err := s.ImportAuthorizedKeys(ctx, strings.NewReader(bad), "", RoleMember); err == nil || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "options") {
		t.Fatalf("options accepted: %v", err)
	}
	if _, err := s.UserByKey(ctx, k4); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a failed import wrote a key: %v", err)
	}
	if _, err := s.ImportAuthorizedKeys(ctx, strings.NewReader(strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k4)))+"\n"), "", RoleMember); err == nil || !strings.Contains(err.Error(), "no comment") {
		t.Fatalf("comment-less key without --name: %v", err)
	}
	if res, err := s.ImportAuthorizedKeys(ctx, strings.NewReader(strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k4)))+"\n"), "Cat", RoleObserver); err != nil || res.Keys != 1 {
		t.Fatalf("import with a name: %+v, %v", res, err)
	}
}

func historyT(t testing.TB, s *Store) []model.Change {
	t.Helper()
	hs, err := s.History(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	return hs
}
