#include "engine/pp_table.h"

#include <string.h>

/* Mutable views of the arrays behind t->d, which the fit sees as const. */
struct arrays {
	int32_t *client, *period;
	uint8_t *event;
	double *x;
};

static struct arrays arrays_of(struct pp_table *t)
{
	return (struct arrays){ (int32_t *)t->d.client, (int32_t *)t->d.period,
				(uint8_t *)t->d.event, (double *)t->d.x };
}

void pp_table_init(struct pp_table *t, size_t n_features, const char *const *feature_ids,
		   size_t n_audit, const char *const *audit_names)
{
	*t = (struct pp_table){ 0 };
	t->arena.block_size = 1 << 20;
	t->d.n_features = n_features;
	const char **names = arena_array(&t->arena, n_features + 1, sizeof *names);
	for (size_t k = 0; k < n_features; k++)
		names[k] = arena_strdup(&t->arena, feature_ids[k]);
	t->d.names = names;
	t->n_audit = n_audit;
	t->audit = arena_array(&t->arena, n_audit + 1, sizeof *t->audit);
	for (size_t a = 0; a < n_audit; a++) {
		t->audit[a].name = arena_strdup(&t->arena, audit_names[a]);
		t->audit[a].values = arena_array(&t->arena, PP_AUDIT_VALUES_MAX,
						 sizeof *t->audit[a].values);
	}
}

static void *regrow(struct arena *a, const void *old, size_t used, size_t cap, size_t size)
{
	void *p = arena_array(a, cap, size);
	if (used)
		memcpy(p, old, used * size);
	return p;
}

void pp_table_reserve(struct pp_table *t, size_t rows)
{
	if (rows <= t->cap)
		return;
	size_t cap = t->cap ? t->cap : 256;
	while (cap < rows)
		cap *= 2;
	size_t n = t->d.rows, p = t->d.n_features;
	struct arena *a = &t->arena;
	t->d.client = regrow(a, t->d.client, n, cap, sizeof *t->d.client);
	t->d.period = regrow(a, t->d.period, n, cap, sizeof *t->d.period);
	t->d.event = regrow(a, t->d.event, n, cap, sizeof *t->d.event);
	t->d.x = regrow(a, t->d.x, n * p, cap * p + 1, sizeof *t->d.x);
	for (size_t k = 0; k < t->n_audit; k++)
		t->audit[k].value = regrow(a, t->audit[k].value, n, cap, sizeof(int32_t));
	t->cap = cap;
}

double *pp_table_add(struct pp_table *t, int32_t client, int32_t period, uint8_t event)
{
	pp_table_reserve(t, t->d.rows + 1);
	struct arrays v = arrays_of(t);
	size_t r = t->d.rows++;
	if (r == 0 || v.client[r - 1] != client)
		t->n_clients++;
	v.client[r] = client;
	v.period[r] = period;
	v.event[r] = event;
	for (size_t k = 0; k < t->n_audit; k++)
		t->audit[k].value[r] = -1;
	double *x = v.x + r * t->d.n_features;
	memset(x, 0, t->d.n_features * sizeof *x);
	return x;
}

int32_t pp_table_audit_value(struct pp_table *t, size_t a, const char *s, size_t n)
{
	struct pp_audit *au = &t->audit[a];
	for (size_t i = 0; i < au->n_values; i++)
		if (strlen(au->values[i]) == n && memcmp(au->values[i], s, n) == 0)
			return (int32_t)i;
	if (au->n_values == PP_AUDIT_VALUES_MAX)
		return -1;
	au->values[au->n_values] = arena_strndup(&t->arena, s, n);
	return (int32_t)au->n_values++;
}

void pp_table_free(struct pp_table *t)
{
	arena_free(&t->arena);
	*t = (struct pp_table){ 0 };
}
