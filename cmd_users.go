package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"wgll/data"
	"wgll/ui"
)

// The 'wgll users' commands manage who may open the workbook over SSH
// ('wgll serve'). They are run on the host, by whoever may write the file.

const rolesHelp = `Roles: facilitator (everything: scores, workshops, manages users),
member (scores, rationale, evidence, actions), observer (reads only: the
projector, an auditor).`

func newUsersCmd(e *env) *cobra.Command {
	return groupCmd("users", "manage who may open the workbook over SSH ('wgll serve')",
		`Manages the people who may open the workbook over SSH with 'wgll serve':
their names (what the change log records), roles and SSH public keys.
`+rolesHelp,
		newUsersAddCmd(e), newUsersListCmd(e), newUsersRemoveCmd(e), newUsersRoleCmd(e),
		newUsersImportCmd(e), newUsersInviteCmd(e))
}

// roleFlag is a --role flag, checked as it is parsed.
type roleFlag struct{ r data.Role }

func (f *roleFlag) String() string { return string(f.r) }
func (f *roleFlag) Type() string   { return "ROLE" }
func (f *roleFlag) Set(s string) error {
	r, err := data.ParseRole(s)
	if err != nil {
		return fmt.Errorf("unknown role %q; use facilitator, member or observer", s)
	}
	f.r = r
	return nil
}

func needRole(cmd *cobra.Command, f *roleFlag) error {
	if f.r == "" {
		return usagef("%ssay which role with --role facilitator, member or observer (see '%s --help')", prefix(cmd), cmd.CommandPath())
	}
	return nil
}

func newUsersAddCmd(e *env) *cobra.Command {
	var role roleFlag
	var keys []string
	c := &cobra.Command{
		Use:   "add NAME --role ROLE --key FILE.pub",
		Short: "register someone with their SSH public key",
		Long: `Registers NAME (as the change log will show them) with a role and one or
more SSH public keys: the .pub file they send you, such as id_ed25519.pub.
Someone without a key file to hand can be invited instead ('wgll users
invite'). ` + rolesHelp,
		Args: exactArgs(1, "say who to add: wgll users add NAME --role ROLE --key FILE.pub"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needRole(cmd, &role); err != nil {
				return err
			}
			return runUsersAdd(e, args[0], role.r, keys)
		},
	}
	c.Flags().Var(&role, "role", "facilitator, member or observer")
	c.Flags().StringArrayVar(&keys, "key", nil, "public key `FILE.pub` (repeat for several)")
	return c
}

func runUsersAdd(e *env, name string, role data.Role, files []string) error {
	var keys []data.NewKey
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("read the key: %w", err)
		}
		k, comment, err := data.ParsePublicKey(b)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		keys = append(keys, data.NewKey{Key: k, Comment: comment})
	}
	st, err := openExisting(e)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.AddUser(e.ctx, name, role, keys...)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Added %s as %s with %d key(s).\n", ui.Sanitize(u.Name), u.Role, len(u.Keys))
	for _, k := range u.Keys {
		fmt.Fprintf(e.stdout, "  %s\n", k.Fingerprint)
	}
	if len(u.Keys) == 0 {
		fmt.Fprintf(e.stdout, "They have no key yet: 'wgll users invite %s --role %s' gives them a code to register one.\n", ui.Sanitize(u.Name), u.Role)
	}
	return nil
}

func newUsersListCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "list who may connect, with their roles and key fingerprints",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openForReading(e)
			if err != nil {
				return err
			}
			defer st.Close()
			us, err := st.Users(e.ctx)
			if err != nil {
				return err
			}
			if len(us) == 0 {
				fmt.Fprintln(e.stdout, "No users yet; add one with 'wgll users add NAME --role ROLE --key FILE.pub'.")
				return nil
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tROLE\tKEY\tCOMMENT")
			for _, u := range us {
				if len(u.Keys) == 0 {
					fmt.Fprintf(tw, "%s\t%s\t(none: invite them)\t\n", ui.Sanitize(u.Name), u.Role)
				}
				for _, k := range u.Keys {
					fmt.Fprintf(tw, "%s\t%s\t%s %s\t%s\n", ui.Sanitize(u.Name), u.Role, k.Type, k.Fingerprint, ui.Sanitize(k.Comment))
				}
			}
			return tw.Flush()
		},
	}
}

func newUsersRemoveCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "remove someone and their keys (their changes stay in the log)",
		Long: `Removes NAME with their keys and unused invitations. Their changes stay in
the change log under their name. A session they have open goes on until it
ends; they cannot connect again.`,
		Args: exactArgs(1, "say who to remove: wgll users remove NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openExisting(e)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.RemoveUser(e.ctx, args[0]); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Removed %s.\n", ui.Sanitize(strings.TrimSpace(args[0])))
			return nil
		},
	}
}

func newUsersRoleCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "role NAME ROLE",
		Short: "change someone's role (from their next connection)",
		Long:  "Changes NAME's role; it applies from their next connection. " + rolesHelp,
		Args:  exactArgs(2, "say who and which role: wgll users role NAME ROLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var r roleFlag
			if err := r.Set(args[1]); err != nil {
				return usagef("%s%v", prefix(cmd), err)
			}
			st, err := openExisting(e)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.SetUserRole(e.ctx, args[0], r.r); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s is now %s (from their next connection).\n", ui.Sanitize(strings.TrimSpace(args[0])), r.r)
			return nil
		},
	}
}

func newUsersImportCmd(e *env) *cobra.Command {
	var role roleFlag
	var name string
	c := &cobra.Command{
		Use:   "import FILE --role ROLE",
		Short: "register every key of an OpenSSH authorized_keys file",
		Long: `Registers every key in FILE, an OpenSSH authorized_keys file, with ROLE. Each
key's comment names its user (the part before any @host, so ann@laptop is
ann) unless --name gives one name for them all. Keys of someone already
registered are added to them. A key with options (command=, from=...) is
refused: wgll gives every key the same access. All or nothing: one bad line
and nothing is written.`,
		Args: exactArgs(1, "say which file: wgll users import FILE --role ROLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needRole(cmd, &role); err != nil {
				return err
			}
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("read the authorized_keys file: %w", err)
			}
			defer f.Close()
			st, err := openExisting(e)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := st.ImportAuthorizedKeys(e.ctx, f, name, role.r)
			if err != nil {
				return fmt.Errorf("%s: %w; nothing was imported", args[0], err)
			}
			names := make([]string, len(res.Users))
			for i, n := range res.Users {
				names[i] = ui.Sanitize(n)
			}
			fmt.Fprintf(e.stdout, "Imported %d key(s); new users: %s.\n", res.Keys, orNone(strings.Join(names, ", ")))
			return nil
		},
	}
	c.Flags().Var(&role, "role", "facilitator, member or observer, for new users")
	c.Flags().StringVar(&name, "name", "", "register every key for this one `NAME`")
	return c
}

func newUsersInviteCmd(e *env) *cobra.Command {
	var role roleFlag
	c := &cobra.Command{
		Use:   "invite NAME --role ROLE",
		Short: "print a one-time code with which NAME registers their own key",
		Long: fmt.Sprintf(`Prints a one-time code, valid for %d minutes, for NAME. They connect with
'ssh -t -p PORT HOST', type the code at the "Invitation code:" prompt, and the
key their ssh offered is registered as theirs with ROLE (for someone already
registered, a second laptop, the role replaces theirs). A used, expired or
wrong code is refused and nothing is written. Only a hash of the code is kept.
`, int(data.InviteTTL.Minutes())) + rolesHelp,
		Args: exactArgs(1, "say who to invite: wgll users invite NAME --role ROLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needRole(cmd, &role); err != nil {
				return err
			}
			st, err := openExisting(e)
			if err != nil {
				return err
			}
			defer st.Close()
			inv, err := st.CreateInvite(e.ctx, args[0], role.r)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Invitation for %s (%s): %s\n", ui.Sanitize(inv.Name), inv.Role, inv.Code)
			fmt.Fprintf(e.stdout, "Valid until %s (%d minutes), once. They connect with 'ssh -t -p PORT HOST' and type it at the prompt.\n",
				inv.Expires.Local().Format("15:04"), int(data.InviteTTL.Minutes()))
			return nil
		},
	}
	c.Flags().Var(&role, "role", "facilitator, member or observer")
	return c
}
