#include "cli/commands.h"

const struct command commands[] = {
	{ "init", "create or upgrade the database, register packs, add demo data", cmd_init },
	{ "serve", "start the web server", cmd_serve },
	{ "pack", "check packs, instrument statistics (pack check|stats)", cmd_pack },
	{ "score", "score an answers file with a questionnaire pack (JSON or CSV)", cmd_score },
	{ "prognosis", "prognosis of one client from a ratings file (JSON)", cmd_prognosis },
	{ "model", "fit, validate and audit a prognosis model on outcomes (model fit|validate|audit)",
	  cmd_model },
	{ "catalogue", "instrument catalogue: import, export, search, gaps", cmd_catalogue },
	{ "match", "goals, instruments and interventions that fit one client (JSON)", cmd_match },
	{ "report-doc", "the advisory report's document model of one client (JSON)",
	  cmd_report_doc },
	{ "report", "the advisory report of one client as PDF or HTML, issued", cmd_report },
	{ "synth", "a synthetic population with outcomes from a known model (person-period CSV)",
	  cmd_synth },
	{ "user", "accounts of the web application (user add|passwd|disable|enable)", cmd_user },
	{ "backup", "copy the database consistently while it is in use", cmd_backup },
	{ "export", "everything stored about one client, as JSON (inzage)", cmd_export },
	{ "retention", "erase dossiers past their retention date (retention run|show)",
	  cmd_retention },
	{ "version", "print the version", cmd_version },
};

const int command_count = sizeof commands / sizeof commands[0];
