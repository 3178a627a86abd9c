#include "cli/commands.h"
#include "version.h"

#include <jansson.h>
#include <microhttpd.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

int cmd_version(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: ipm version\n\nPrints the IPM version and the versions of the "
		       "libraries it runs on.\n");
		return 0;
	}
	printf("ipm %s\n", IPM_VERSION);
	printf("sqlite %s, jansson %s, libmicrohttpd %s, libsodium %s\n", sqlite3_libversion(),
	       JANSSON_VERSION, MHD_get_version(), sodium_version_string());
	return 0;
}
