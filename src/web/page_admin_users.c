/* /admin/users: the beheerder's accounts page — the users of the own
 * organisation; a new user with a role and an initial password (typed, or
 * made here and shown once); disabling, enabling and a new password (each
 * ends the user's sessions); and sharing a client with a professional
 * (the caseload). Every change is audited as the beheerder
 * (store_user_create_by, store_user_set_password/_disabled,
 * store_client_share). The beheerder never sees a dossier here: a client
 * is named by its client number only. */
#include "services/password.h"
#include "store/store_admin.h"
#include "web/pages_admin.h"
#include "web/view.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_CHARS 200
#define GENERATED_CHARS 20

static const struct web_text texts[] = {
	{ "heading", N_("Users") },
	{ "intro", N_("The accounts of your organisation. A new password or a disabled account "
		      "ends that user's open sessions at once.") },
	{ "summary", N_("There is a problem") },
	{ "username", N_("User name") },
	{ "name", N_("Name") },
	{ "role", N_("Role") },
	{ "status", N_("Status") },
	{ "created", N_("Created") },
	{ "actions", N_("Actions") },
	{ "active", N_("active") },
	{ "disabled", N_("disabled") },
	{ "disable", N_("Disable") },
	{ "enable", N_("Enable") },
	{ "new_password", N_("New password") },
	{ "set_password", N_("Set password") },
	{ "password_hint", N_("At least 12 characters. Leave empty to have one made; it is "
			      "shown once.") },
	{ "add", N_("Add a user") },
	{ "username_hint", N_("3 to 64 characters: lower-case letters, digits, dot, hyphen, "
			      "underscore.") },
	{ "password", N_("Initial password") },
	{ "add_button", N_("Add user") },
	{ "share", N_("Share a client with a professional") },
	{ "share_intro", N_("The professional then finds the client in their caseload. Use the "
			    "client number; you do not see the file itself.") },
	{ "client", N_("Client number") },
	{ "professional", N_("Professional") },
	{ "share_button", N_("Share") },
	{ "made_heading", N_("Password made") },
	{ "made_text", N_("Give this password to the user in person or by phone. It is shown "
			  "only now and is not stored readably.") },
	{ "you", N_("you") },
};

struct users {
	struct web_request *req;
	json_t *rows, *pros;
};

static int user_row(void *ctx, const struct store_user *u, struct err *e)
{
	(void)e;
	struct users *l = ctx;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(u->id));
	web_view_set(o, "username", u->username);
	web_view_set(o, "name", u->display_name);
	web_view_set(o, "role", web_role_label(l->req, u->role));
	web_view_set(o, "created", u->created_at);
	json_object_set_new(o, "disabled", json_boolean(u->disabled));
	json_object_set_new(o, "self", json_boolean(u->id == l->req->user.user_id));
	struct buf b = BUF_INIT;
	buf_printf(&b, "/admin/users/%lld", (long long)u->id);
	web_view_set(o, "action", b.data);
	buf_reset(&b);
	buf_printf(&b, "pw-%lld", (long long)u->id);
	web_view_set(o, "pw_id", b.data);
	buf_free(&b);
	json_array_append_new(l->rows, o);
	enum access_role r;
	if (!u->disabled && access_role_parse(u->role, &r) == IPM_OK &&
	    access_allows(r, PERM_CASELOAD))
		json_array_append_new(l->pros,
				      json_pack("{s:I, s:s, s:s}", "id", (json_int_t)u->id, "name",
						u->display_name, "username", u->username));
	return IPM_OK;
}

/* The page with whatever the handler put into v already (errors, notice,
 * the values typed). */
static int render(struct web_request *req, json_t *v)
{
	struct err e;
	struct users l = { req, json_array(), json_array() };
	int rc = store_users_each(req->store, req->user.org_id, user_row, &l, &e);
	if (rc) {
		json_decref(l.rows);
		json_decref(l.pros);
		json_decref(v);
		return rc;
	}
	json_object_set_new(v, "users", l.rows);
	json_object_set_new(v, "professionals", l.pros);
	json_t *roles = json_array();
	const char *chosen = json_string_value(json_object_get(v, "f_role"));
	for (int r = 0; r < ROLE_N; r++) {
		const char *code = access_role_name((enum access_role)r);
		json_array_append_new(roles, json_pack("{s:s, s:s, s:b}", "code", code, "label",
						       web_role_label(req, code), "selected",
						       chosen && !strcmp(chosen, code)));
	}
	json_object_set_new(v, "roles", roles);
	admin_page_view(req, v, "users");
	WEB_TEXTS(req, v, texts);
	return web_render(req, "admin_users", N_("Users"), v);
}

int page_admin_users(struct web_request *req)
{
	int rc = admin_page_check(req);
	return rc ? rc : render(req, web_view(req));
}

static int username_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 3 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		      s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

/* A password of GENERATED_CHARS from an alphabet without look-alikes
 * (no 0/O, 1/l/I): about 113 bits. */
static void generate(struct buf *out)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (int i = 0; i < GENERATED_CHARS; i++)
		buf_putc(out, alphabet[randombytes_uniform(sizeof alphabet - 1)]);
}

/* The password typed, or a new one made (*made set); NULL with an error
 * in v when the typed one is refused. */
static const char *password_of(struct web_request *req, json_t *v, const char *field_id,
			       struct buf *pw, int *made)
{
	const char *typed = form_get(&req->form, "password");
	struct err e;
	*made = 0;
	if (!typed || !*typed) {
		generate(pw);
		*made = 1;
		return buf_str(pw);
	}
	if (password_check(typed, &e) != IPM_OK) {
		admin_page_error(v, field_id,
				 web_text(req, N_("The password must have at least 12 "
						  "characters.")));
		return NULL;
	}
	buf_puts(pw, typed);
	return buf_str(pw);
}

/* The answer to a form that sets a password, taking v over: the page again
 * with the errors in v (422), the password made (shown once), or back to
 * the list. */
static int answer(struct web_request *req, json_t *v, const char *username, const char *pw,
		  int made)
{
	if (json_object_get(v, "has_errors")) {
		req->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
		return render(req, v);
	}
	if (!made) {
		json_decref(v);
		return web_redirect(req, "/admin/users");
	}
	json_t *m = json_object();
	web_view_set(m, "username", username);
	web_view_set(m, "password", pw);
	json_object_set_new(v, "made", m);
	return render(req, v);
}

/* A password leaves no copy in memory that is given back. */
static void forget(struct buf *pw)
{
	if (pw->data)
		sodium_memzero(pw->data, pw->cap);
	buf_free(pw);
}

int page_admin_user_add(struct web_request *req)
{
	int rc = admin_page_check(req);
	if (rc)
		return rc;
	json_t *v = web_view(req);
	const char *username = form_get(&req->form, "username");
	const char *name = form_get(&req->form, "name");
	const char *role = form_get(&req->form, "role");
	web_view_set(v, "f_username", username);
	web_view_set(v, "f_name", name);
	web_view_set(v, "f_role", role);
	enum access_role r;
	if (!username_ok(username))
		admin_page_error(v, "username",
				 web_text(req, N_("Enter a user name of 3 to 64 characters: "
						  "lower-case letters, digits, dot, hyphen, "
						  "underscore.")));
	if (!name || !*name || strlen(name) > NAME_MAX_CHARS)
		admin_page_error(v, "name", web_text(req, N_("Enter the user's name.")));
	if (!role || access_role_parse(role, &r) != IPM_OK)
		admin_page_error(v, "role", web_text(req, N_("Choose a role.")));
	struct buf pw = BUF_INIT, hash = BUF_INIT;
	int made = 0;
	const char *password = password_of(req, v, "password", &pw, &made);
	struct err e;
	if (!json_object_get(v, "has_errors")) {
		if ((rc = password_hash(password, &hash, &e)))
			goto out;
		struct store_actor who = { .user_id = req->user.user_id };
		const struct store_user u = { .org_id = req->user.org_id, .username = username,
					      .display_name = name, .role = role,
					      .password_hash = hash.data };
		rc = store_user_create_by(req->store, &who, &u, NULL, &e);
		if (rc == IPM_ECONFLICT) {
			admin_page_error(v, "username",
					 web_text(req, N_("This user name is already taken.")));
			rc = IPM_OK;
		} else if (rc) {
			goto out;
		}
	}
	rc = answer(req, v, username, password, made);
	v = NULL;
out:
	json_decref(v);
	forget(&pw);
	buf_free(&hash);
	return rc;
}

int page_admin_user_update(struct web_request *req)
{
	int rc = admin_page_check(req);
	if (rc)
		return rc;
	int64_t uid = web_param_id(req, "uid");
	struct store_user u;
	struct err e;
	if (uid < 0 || store_user_get(req->store, uid, &u, &req->arena, &e) != IPM_OK ||
	    u.org_id != req->user.org_id)
		return IPM_ENOTFOUND;
	const char *action = form_get(&req->form, "action");
	struct store_actor who = { .user_id = req->user.user_id };
	if (action && (!strcmp(action, "disable") || !strcmp(action, "enable"))) {
		/* Locking oneself out would leave no one to undo it. */
		if (uid == req->user.user_id)
			return IPM_EINVAL;
		rc = store_user_set_disabled(req->store, &who, u.username,
					     !strcmp(action, "disable"), &e);
		return rc ? rc : web_redirect(req, "/admin/users");
	}
	if (!action || strcmp(action, "password"))
		return IPM_EINVAL;
	json_t *v = web_view(req);
	struct buf pw = BUF_INIT, hash = BUF_INIT, field = BUF_INIT;
	buf_printf(&field, "pw-%lld", (long long)uid);
	int made = 0;
	const char *password = password_of(req, v, buf_str(&field), &pw, &made);
	/* A refused password is in v as an error; answer shows it. */
	if (password &&
	    ((rc = password_hash(password, &hash, &e)) ||
	     (rc = store_user_set_password(req->store, &who, u.username, hash.data, &e))))
		goto out;
	rc = answer(req, v, u.username, password, made);
	v = NULL;
out:
	json_decref(v);
	forget(&pw);
	buf_free(&hash);
	buf_free(&field);
	return rc;
}

int page_admin_share(struct web_request *req)
{
	int rc = admin_page_check(req);
	if (rc)
		return rc;
	const char *ref = form_get(&req->form, "client");
	const char *user = form_get(&req->form, "user");
	json_t *v = web_view(req);
	web_view_set(v, "f_client", ref);
	struct err e;
	int64_t client = 0, uid = 0;
	struct store_user u;
	enum access_role r;
	char *end = NULL;
	if (user)
		uid = strtoll(user, &end, 10);
	/* Only to someone of the organisation whose role has a caseload. */
	if (!user || !*user || *end || uid <= 0 ||
	    store_user_get(req->store, uid, &u, &req->arena, &e) != IPM_OK ||
	    u.org_id != req->user.org_id || access_role_parse(u.role, &r) != IPM_OK ||
	    !access_allows(r, PERM_CASELOAD))
		admin_page_error(v, "share-user", web_text(req, N_("Choose a professional.")));
	if (!ref || !*ref ||
	    store_client_by_reference(req->store, req->user.org_id, ref, &client, &e) != IPM_OK)
		admin_page_error(v, "share-client",
				 web_text(req, N_("No client of your organisation has this "
						  "number.")));
	if (json_object_get(v, "has_errors")) {
		req->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
		return render(req, v);
	}
	json_decref(v);
	struct store_actor who = { .user_id = req->user.user_id };
	rc = store_client_share(req->store, &who, client, uid, &e);
	return rc ? rc : web_redirect(req, "/admin/users");
}
