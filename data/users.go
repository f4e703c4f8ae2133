package data

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	gossh "golang.org/x/crypto/ssh"
)

// This file holds the people who may open the workbook over SSH ('wgll
// serve'): their names, roles and public keys, and one-time invitation
// codes. It also holds the role check every write passes through (edit and
// Bulk call it), so that an observer's write is refused by the store
// whatever the app in front of it does.

// Role is what a user may do in the workbook.
type Role string

// The roles, from most to least able.
const (
	// RoleFacilitator may do everything: score, manage users, create
	// assessments, run workshops.
	RoleFacilitator Role = "facilitator"
	// RoleMember scores and records rationale, evidence and actions.
	RoleMember Role = "member"
	// RoleObserver reads only: a projector, an auditor.
	RoleObserver Role = "observer"
)

// Roles lists the roles in the order they are explained to people.
var Roles = []Role{RoleFacilitator, RoleMember, RoleObserver}

// InviteTTL is how long an invitation code stays valid.
const InviteTTL = 15 * time.Minute

// maxNameLen bounds a user's name, which is drawn in lists and the change log.
const maxNameLen = 64

var (
	// ErrForbidden: the Store's role does not allow the write.
	ErrForbidden = errors.New("not allowed for this role")
	// ErrInviteRefused: an invitation code is wrong, used or expired. The
	// three are not told apart to the person connecting.
	ErrInviteRefused = errors.New("invitation code refused")
)

// ParseRole reads a role name as typed on the command line.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range Roles {
		if r == x {
			return r, nil
		}
	}
	return "", invalid("unknown role %q; use facilitator, member or observer", s)
}

// rank orders roles for need: higher may do more. The empty role (the
// person at the host) outranks every SSH role.
func (r Role) rank() int {
	switch r {
	case "":
		return 3
	case RoleFacilitator:
		return 2
	case RoleMember:
		return 1
	}
	return 0
}

// Role is the role this Store writes with; empty for the person at the host.
func (s *Store) Role() Role { return s.role }

// mayWrite refuses every write of an observer. edit calls it, so no edit
// method can forget to.
func (s *Store) mayWrite(what string) error {
	if s.role == RoleObserver {
		return &fileError{path: what, kind: ErrForbidden,
			msg: fmt.Sprintf("refused: %s is an observer, who can read the workbook but not change it; a facilitator can run 'wgll users role %s member'", s.user, quoteName(s.user))}
	}
	return nil
}

// need refuses what unless the Store's role is at least r.
func (s *Store) need(r Role, what string) error {
	if s.role.rank() >= r.rank() {
		return nil
	}
	if err := s.mayWrite(what); err != nil {
		return err
	}
	return &fileError{path: what, kind: ErrForbidden,
		msg: fmt.Sprintf("refused: only a %s may do this, and %s is a %s", r, s.user, s.role)}
}

// quoteName quotes a name for a command line when it needs it.
func quoteName(n string) string {
	if strings.ContainsAny(n, " \t'\"\\$`") {
		return "'" + strings.ReplaceAll(n, "'", `'\''`) + "'"
	}
	return n
}

// ValidateUserName trims a user's name and checks it: 1 to 64 characters,
// printable, no control characters (it is drawn on other people's screens
// and recorded in the change log).
func ValidateUserName(name string) (string, error) {
	n := strings.TrimSpace(name)
	switch {
	case n == "":
		return "", invalid("a user needs a name, such as \"Ann Smith\"")
	case !utf8.ValidString(n):
		return "", invalid("the user name %q is not valid UTF-8", name)
	case utf8.RuneCountInString(n) > maxNameLen:
		return "", invalid("the user name %q is longer than %d characters", n, maxNameLen)
	}
	for _, r := range n {
		if !unicode.IsPrint(r) && r != ' ' {
			return "", invalid("the user name %q has a control or invisible character; use letters, digits, spaces and punctuation", n)
		}
	}
	return n, nil
}

// User is someone who may connect over SSH.
type User struct {
	Name    string
	Role    Role
	Keys    []UserKey
	AddedBy string
	AddedAt time.Time
}

// UserKey is one of a user's SSH public keys.
type UserKey struct {
	// Fingerprint is OpenSSH's SHA256:... form, as 'ssh-keygen -l' prints it.
	Fingerprint string
	// Type is the key's algorithm, such as ssh-ed25519.
	Type string
	// Comment is the authorized_keys comment, often user@host.
	Comment string
	AddedAt time.Time
}

// ParsePublicKey reads one public key in authorized_keys form (a .pub file:
// "ssh-ed25519 AAAA... comment"); options before the key are refused, since
// the server grants the same access to every key.
func ParsePublicKey(line []byte) (gossh.PublicKey, string, error) {
	key, comment, opts, rest, err := gossh.ParseAuthorizedKey(line)
	if err != nil {
		return nil, "", invalid("not an SSH public key (%v); give the .pub file, such as ~/.ssh/id_ed25519.pub", err)
	}
	if len(opts) > 0 {
		return nil, "", invalid("the key has authorized_keys options (%s), which wgll does not apply; remove them", strings.Join(opts, ","))
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return nil, "", invalid("more than one key given; add them one at a time, or import an authorized_keys file")
	}
	return key, comment, nil
}

// Fingerprint is the key's OpenSSH SHA256 fingerprint.
func Fingerprint(key gossh.PublicKey) string { return gossh.FingerprintSHA256(key) }

// keyText is the key as stored: authorized_keys form without comment.
func keyText(key gossh.PublicKey) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key)))
}

// NewKey is a public key to register, with its comment (often user@host).
type NewKey struct {
	Key     gossh.PublicKey
	Comment string
}

// AddUser adds a user with a role and, optionally, public keys. Everything
// is written in one transaction; a name or key already registered is
// refused and nothing is written.
func (s *Store) AddUser(ctx context.Context, name string, role Role, keys ...NewKey) (User, error) {
	n, err := ValidateUserName(name)
	if err != nil {
		return User{}, err
	}
	if _, err := ParseRole(string(role)); err != nil {
		return User{}, err
	}
	what := "add user " + n
	if err := s.need(RoleFacilitator, what); err != nil {
		return User{}, err
	}
	err = s.edit(ctx, what, func(e *editTx) error {
		if err := e.insertUser(n, role); err != nil {
			return err
		}
		for _, k := range keys {
			if err := e.insertKey(n, k.Key, k.Comment); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return User{}, err
	}
	return s.UserNamed(ctx, n)
}

func (e *editTx) insertUser(name string, role Role) error {
	var have string
	err := e.tx.QueryRowContext(e.ctx, `SELECT name FROM users WHERE name = ?`, name).Scan(&have)
	if err == nil {
		return invalid("there is already a user %q; choose another name, or 'wgll users role' to change theirs", have)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = e.tx.ExecContext(e.ctx, `INSERT INTO users (name, role, added_by, added_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		name, string(role), e.s.user, e.now, e.s.user, e.now)
	return err
}

func (e *editTx) insertKey(name string, key gossh.PublicKey, comment string) error {
	fp := Fingerprint(key)
	var owner string
	err := e.tx.QueryRowContext(e.ctx, `SELECT user_name FROM user_keys WHERE fingerprint = ?`, fp).Scan(&owner)
	if err == nil {
		return invalid("the key %s is already %s's; each key belongs to one person", fp, owner)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = e.tx.ExecContext(e.ctx, `INSERT INTO user_keys (fingerprint, user_name, public_key, comment, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)`,
		fp, name, keyText(key), strings.TrimSpace(comment), e.s.user, e.now)
	return err
}

// AddUserKey adds a public key to an existing user.
func (s *Store) AddUserKey(ctx context.Context, name string, key gossh.PublicKey, comment string) error {
	what := "add a key for " + name
	if err := s.need(RoleFacilitator, what); err != nil {
		return err
	}
	return s.edit(ctx, what, func(e *editTx) error {
		u, err := e.userName(name)
		if err != nil {
			return err
		}
		return e.insertKey(u, key, comment)
	})
}

// userName returns the stored spelling of name, or ErrNotFound.
func (e *editTx) userName(name string) (string, error) {
	var n string
	err := e.tx.QueryRowContext(e.ctx, `SELECT name FROM users WHERE name = ?`, strings.TrimSpace(name)).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("no user %q; 'wgll users list' shows who there is: %w", name, ErrNotFound)
	}
	return n, err
}

// RemoveUser removes a user with their keys and unused invitations. Their
// edits stay in the change log under their name.
func (s *Store) RemoveUser(ctx context.Context, name string) error {
	what := "remove user " + name
	if err := s.need(RoleFacilitator, what); err != nil {
		return err
	}
	return s.edit(ctx, what, func(e *editTx) error {
		n, err := e.userName(name)
		if err != nil {
			return err
		}
		if _, err := e.tx.ExecContext(e.ctx, `DELETE FROM invites WHERE user_name = ? AND used_at = ''`, n); err != nil {
			return err
		}
		_, err = e.tx.ExecContext(e.ctx, `DELETE FROM users WHERE name = ?`, n)
		return err
	})
}

// SetUserRole changes a user's role. It takes effect when they next connect.
func (s *Store) SetUserRole(ctx context.Context, name string, role Role) error {
	if _, err := ParseRole(string(role)); err != nil {
		return err
	}
	what := "change the role of " + name
	if err := s.need(RoleFacilitator, what); err != nil {
		return err
	}
	return s.edit(ctx, what, func(e *editTx) error {
		n, err := e.userName(name)
		if err != nil {
			return err
		}
		_, err = e.tx.ExecContext(e.ctx, `UPDATE users SET role = ?, updated_by = ?, updated_at = ? WHERE name = ?`, string(role), e.s.user, e.now, n)
		return err
	})
}

// Users lists the users by name, with their keys.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	return s.users(ctx, "")
}

// UserNamed returns one user, or ErrNotFound.
func (s *Store) UserNamed(ctx context.Context, name string) (User, error) {
	us, err := s.users(ctx, strings.TrimSpace(name))
	if err != nil {
		return User{}, err
	}
	if len(us) == 0 {
		return User{}, fmt.Errorf("no user %q; 'wgll users list' shows who there is: %w", name, ErrNotFound)
	}
	return us[0], nil
}

// UserByKey returns the user the key is registered to, or ErrNotFound.
func (s *Store) UserByKey(ctx context.Context, key gossh.PublicKey) (User, error) {
	var name string
	err := s.db.QueryRowContext(ctx, `SELECT user_name FROM user_keys WHERE fingerprint = ?`, Fingerprint(key)).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, fmt.Errorf("no user has the key %s: %w", Fingerprint(key), ErrNotFound)
	}
	if err != nil {
		return User{}, fmt.Errorf("look up the key %s: %w", Fingerprint(key), err)
	}
	return s.UserNamed(ctx, name)
}

func (s *Store) users(ctx context.Context, only string) ([]User, error) {
	q := `SELECT u.name, u.role, u.added_by, u.added_at, COALESCE(k.fingerprint, ''), COALESCE(k.public_key, ''), COALESCE(k.comment, ''), COALESCE(k.added_at, '')
		FROM users u LEFT JOIN user_keys k ON k.user_name = u.name`
	var args []any
	if only != "" {
		q += ` WHERE u.name = ?`
		args = append(args, only)
	}
	q += ` ORDER BY u.name COLLATE NOCASE, k.added_at, k.fingerprint`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var role, at, fp, pub, comment, kat string
		if err := rows.Scan(&u.Name, &role, &u.AddedBy, &at, &fp, &pub, &comment, &kat); err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Name != u.Name {
			u.Role, u.AddedAt = Role(role), parseTime(at)
			out = append(out, u)
		}
		if fp != "" {
			typ, _, _ := strings.Cut(pub, " ")
			last := &out[len(out)-1]
			last.Keys = append(last.Keys, UserKey{Fingerprint: fp, Type: typ, Comment: comment, AddedAt: parseTime(kat)})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// ImportedKeys is what ImportAuthorizedKeys added.
type ImportedKeys struct {
	// Users are the users created, Keys the number of keys added.
	Users []string
	Keys  int
}

// ImportAuthorizedKeys reads an OpenSSH authorized_keys file and registers
// every key in it with role. When name is empty each key's comment names
// its user (the part before any "@host", so "ann@laptop" is ann); a key
// without a comment is then refused. Keys of a user who already exists are
// added to them (their role is left alone). Options such as command= are
// refused, since wgll grants every key the same access. All or nothing:
// one bad line and nothing is written.
func (s *Store) ImportAuthorizedKeys(ctx context.Context, r io.Reader, name string, role Role) (ImportedKeys, error) {
	var res ImportedKeys
	if _, err := ParseRole(string(role)); err != nil {
		return res, err
	}
	type entry struct {
		line    int
		name    string
		key     gossh.PublicKey
		comment string
	}
	var entries []entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, comment, err := ParsePublicKey(line)
		if err != nil {
			return res, fmt.Errorf("line %d: %w", n, err)
		}
		who := name
		if who == "" {
			who, _, _ = strings.Cut(strings.TrimSpace(comment), "@")
			if strings.TrimSpace(who) == "" {
				return res, invalid("line %d: the key has no comment to name its user; pass --name NAME, or add a comment such as ann@laptop", n)
			}
		}
		who, err = ValidateUserName(who)
		if err != nil {
			return res, fmt.Errorf("line %d: %w", n, err)
		}
		entries = append(entries, entry{line: n, name: who, key: key, comment: comment})
	}
	if err := sc.Err(); err != nil {
		return res, fmt.Errorf("read the authorized_keys file: %w", err)
	}
	if len(entries) == 0 {
		return res, invalid("the file has no keys; give an OpenSSH authorized_keys file (one key a line)")
	}
	what := "import authorized keys"
	if err := s.need(RoleFacilitator, what); err != nil {
		return res, err
	}
	err := s.edit(ctx, what, func(e *editTx) error {
		res = ImportedKeys{}
		for _, en := range entries {
			n, err := e.userName(en.name)
			if errors.Is(err, ErrNotFound) {
				if err := e.insertUser(en.name, role); err != nil {
					return err
				}
				n = en.name
				res.Users = append(res.Users, n)
			} else if err != nil {
				return err
			}
			if err := e.insertKey(n, en.key, en.comment); err != nil {
				return fmt.Errorf("line %d: %w", en.line, err)
			}
			res.Keys++
		}
		return nil
	})
	return res, err
}

// inviteAlphabet is Crockford's base 32: no I, L, O or U, so a code read
// aloud or from a projector is not mistyped.
const inviteAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// inviteLen is the number of symbols in a code: 50 bits, far beyond what
// the server's slowed-down attempts could guess in 15 minutes.
const inviteLen = 10

// Invite is an outstanding invitation.
type Invite struct {
	// Code is shown once, when the invitation is made; only its hash is
	// stored.
	Code    string
	Name    string
	Role    Role
	Expires time.Time
}

// CreateInvite makes a one-time code with which name can register the key
// they connect with, as role, within InviteTTL. name may be a new user or
// an existing one adding a laptop (the role then replaces theirs).
func (s *Store) CreateInvite(ctx context.Context, name string, role Role) (Invite, error) {
	n, err := ValidateUserName(name)
	if err != nil {
		return Invite{}, err
	}
	if _, err := ParseRole(string(role)); err != nil {
		return Invite{}, err
	}
	what := "invite " + n
	if err := s.need(RoleFacilitator, what); err != nil {
		return Invite{}, err
	}
	raw := make([]byte, inviteLen)
	if _, err := rand.Read(raw); err != nil {
		return Invite{}, fmt.Errorf("%s: make a code: %w", what, err)
	}
	var b strings.Builder
	for i, c := range raw {
		if i == inviteLen/2 {
			b.WriteByte('-')
		}
		b.WriteByte(inviteAlphabet[int(c)%len(inviteAlphabet)])
	}
	inv := Invite{Code: b.String(), Name: n, Role: role}
	err = s.edit(ctx, what, func(e *editTx) error {
		inv.Expires = parseTime(e.now).Add(InviteTTL)
		_, err := e.tx.ExecContext(e.ctx, `INSERT INTO invites (code_hash, user_name, role, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			hashCode(inv.Code), n, string(role), e.s.user, e.now, formatTime(inv.Expires))
		return err
	})
	if err != nil {
		return Invite{}, err
	}
	return inv, nil
}

// NormalizeInviteCode reads a code as a person typed it: any case, with or
// without the dash or spaces, and the easily confused O, I and L read as
// 0, 1 and 1, as Crockford's base 32 does.
func NormalizeInviteCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		switch {
		case r == '-' || unicode.IsSpace(r):
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	s := b.String()
	if len(s) != inviteLen {
		return s
	}
	return s[:inviteLen/2] + "-" + s[inviteLen/2:]
}

func hashCode(code string) string {
	sum := sha256.Sum256([]byte(NormalizeInviteCode(code)))
	return hex.EncodeToString(sum[:])
}

// RedeemInvite checks code and, when it is valid, unused and unexpired,
// registers key for the invited user (creating them with the invited
// role, or giving an existing user that role) and marks the code used, all
// in one transaction. A wrong, used or expired code returns an error
// wrapping ErrInviteRefused and writes nothing; reason (for the server's
// log, not for the person connecting) says which it was.
//
// The server redeems an invitation on behalf of someone not yet in the
// workbook, so this is not subject to the Store's role.
func (s *Store) RedeemInvite(ctx context.Context, code string, key gossh.PublicKey) (u User, reason string, err error) {
	h := hashCode(code)
	refused := func(why string) error {
		reason = why
		return fmt.Errorf("%w: the code is wrong, used or expired; ask the facilitator for a new one ('wgll users invite NAME')", ErrInviteRefused)
	}
	var name string
	err = s.edit(ctx, "redeem an invitation", func(e *editTx) error {
		var role, expires, used string
		err := e.tx.QueryRowContext(e.ctx, `SELECT user_name, role, expires_at, used_at FROM invites WHERE code_hash = ?`, h).Scan(&name, &role, &expires, &used)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return refused("wrong code")
		case err != nil:
			return err
		case used != "":
			return refused("code already used at " + used)
		case !parseTime(e.now).Before(parseTime(expires)):
			return refused("code expired at " + expires)
		}
		n, err := e.userName(name)
		switch {
		case errors.Is(err, ErrNotFound):
			if err := e.insertUser(name, Role(role)); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			name = n
			if _, err := e.tx.ExecContext(e.ctx, `UPDATE users SET role = ?, updated_by = ?, updated_at = ? WHERE name = ?`, role, e.s.user, e.now, n); err != nil {
				return err
			}
		}
		if err := e.insertKey(name, key, "registered with an invitation"); err != nil {
			reason = "key already registered"
			return err
		}
		_, err = e.tx.ExecContext(e.ctx, `UPDATE invites SET used_at = ?, used_key = ? WHERE code_hash = ?`, e.now, Fingerprint(key), h)
		return err
	})
	if err != nil {
		return User{}, reason, err
	}
	u, err = s.UserNamed(ctx, name)
	return u, "", err
}

// CheckInvite reports, without writing anything, whether code is a valid,
// unused, unexpired invitation, and for whom. The server asks it when the
// code is typed, and redeems the code with RedeemInvite only once the
// person has proved they hold the key to be registered. reason is for the
// log, as for RedeemInvite.
func (s *Store) CheckInvite(ctx context.Context, code string) (name string, reason string, err error) {
	var expires, used string
	err = s.db.QueryRowContext(ctx, `SELECT user_name, expires_at, used_at FROM invites WHERE code_hash = ?`, hashCode(code)).Scan(&name, &expires, &used)
	refused := func(why string) (string, string, error) {
		return "", why, fmt.Errorf("%w: the code is wrong, used or expired; ask the facilitator for a new one ('wgll users invite NAME')", ErrInviteRefused)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return refused("wrong code")
	case err != nil:
		return "", "", fmt.Errorf("check an invitation: %w", err)
	case used != "":
		return refused("code already used at " + used)
	case !s.nowUTC().Before(parseTime(expires)):
		return refused("code expired at " + expires)
	}
	return name, "", nil
}

// OpenInvites counts the invitations that could still be redeemed: not
// used and not expired. The server offers the code prompt to an
// unregistered key only while there is one.
func (s *Store) OpenInvites(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM invites WHERE used_at = '' AND expires_at > ?`, formatTime(s.nowUTC())).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count invitations: %w", err)
	}
	return n, nil
}
