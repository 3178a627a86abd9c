/* The `ipm` commands: one file per command in src/cli/, dispatched by main. */
#ifndef IPM_CLI_COMMANDS_H
#define IPM_CLI_COMMANDS_H

struct command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv); /* argv[0] is the command name */
};

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_pack(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_synth(int argc, char **argv);
int cmd_model(int argc, char **argv);
int cmd_prognosis(int argc, char **argv);
int cmd_report_doc(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_catalogue(int argc, char **argv);
int cmd_match(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_retention(int argc, char **argv);
int cmd_version(int argc, char **argv);

extern const struct command commands[];
extern const int command_count;

#endif
