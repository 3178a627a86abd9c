/* Semantic versions (semver.org 2.0) of packs, without build metadata:
 * MAJOR.MINOR.PATCH with an optional -prerelease, so that a result can say
 * which pack version it was computed with and two versions can be ordered. */
#ifndef IPM_PACK_SEMVER_H
#define IPM_PACK_SEMVER_H

#define SEMVER_PRE_MAX 64

struct semver {
	unsigned long major, minor, patch;
	char pre[SEMVER_PRE_MAX]; /* "" for a release */
};

/* IPM_OK, or IPM_EINVAL for anything that is not a strict semver (leading
 * zeros, empty identifiers, numbers beyond unsigned long, a prerelease
 * longer than SEMVER_PRE_MAX - 1). */
int semver_parse(const char *s, struct semver *out);

/* <0, 0, >0 in semver precedence: 1.0.0-alpha < 1.0.0-alpha.1 <
 * 1.0.0-beta < 1.0.0-beta.2 < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0. */
int semver_compare(const struct semver *a, const struct semver *b);

#endif
