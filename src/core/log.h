/* Structured operational logging: one line per event, `key=value` pairs.
 *
 * Rule (AVG): a log line never holds personal data. Events name what happened
 * and carry internal numeric ids, counts, durations and codes, never names,
 * birth dates, answers or free text typed by a person. What a person did with
 * a dossier goes to the audit log in the database, not here. */
#ifndef IPM_CORE_LOG_H
#define IPM_CORE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level level);
/* Parses "debug", "info", "warn", "error"; returns -1 if unknown. */
int log_level_parse(const char *s);

/* Writes `ts=... level=... event=EVENT <fields>` to stderr. `fields` is a
 * printf format for the key=value pairs, or NULL. */
void log_event(enum log_level level, const char *event, const char *fields, ...)
	__attribute__((format(printf, 3, 4)));

#endif
