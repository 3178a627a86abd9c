# Golden values for src/engine/stats.c: psych::alpha on real IPIP data.
#
# Writes, next to this script:
#   bfi.csv        the 25 personality items of psychTools::bfi (2,800 rows,
#                  header A1..O5, NA as an empty field)
#   synthetic.csv  12 hand-made rows (S1..S6) with many missing answers, a
#                  whole-missing row and a constant item, because bfi's NAs are
#                  few and never make psych drop an item
#   alpha.json     for each case: psych::alpha's raw_alpha, std.alpha,
#                  average_r, alpha.drop (raw_alpha, std.alpha, average_r),
#                  item.stats (n, raw.r, r.drop, mean, sd) and response.freq,
#                  every number with 17 significant digits
#
# A developer's one-off step, not a CI dependency: the C test reads the
# committed files. To regenerate (Debian/Ubuntu):
#   apt-get install -y r-base-core r-cran-psych r-cran-psychtools
#   Rscript tests/golden/bfi/export.R      # from the repository root
# Made with R 4.2, psych 2.2.9, psychTools 2.2.9; the script records the
# versions it ran with in alpha.json.
suppressPackageStartupMessages({
  library(psych)
  library(psychTools)
})

out_dir <- "tests/golden/bfi"
if (!dir.exists(out_dir)) stop("run from the repository root")

items <- bfi[, 1:25]
write.csv(items, file.path(out_dir, "bfi.csv"), row.names = FALSE, na = "",
          quote = FALSE)

# Rows chosen by hand: varied missing patterns (so pairwise n differs per
# pair), row 7 entirely missing, S6 constant where answered (psych drops it),
# values 2..5 only in S1/S2 so psych's flip constant (global min + max) is
# still 1 + 5 through S3.
synthetic <- data.frame(
  S1 = c(2, 3, 5, 4, NA, 2, NA, 5, 3, 4, 2, 5),
  S2 = c(4, 3, 2, NA, 2, 5, NA, 2, 4, 3, NA, 2),
  S3 = c(1, 2, 5, 4, 3, NA, NA, 5, 2, 4, 1, NA),
  S4 = c(5, 4, 1, 2, 2, 4, NA, NA, 4, 2, 5, 1),
  S5 = c(2, NA, 4, 4, 3, 1, NA, 5, 3, 3, 2, 4),
  S6 = c(3, 3, NA, 3, 3, 3, NA, 3, 3, NA, 3, 3)
)
write.csv(synthetic, file.path(out_dir, "synthetic.csv"), row.names = FALSE, na = "",
          quote = FALSE)

# psychTools' bfi.keys: "-A1" means A1 is reverse keyed.
key_vector <- function(keyed) ifelse(startsWith(keyed, "-"), -1, 1)
cases <- list()
for (scale in names(bfi.keys)) {
  keyed <- bfi.keys[[scale]]
  cases[[length(cases) + 1]] <- list(name = scale, csv = "bfi.csv",
                                     items = sub("-", "", keyed), keys = key_vector(keyed))
}
cases[[length(cases) + 1]] <- list(name = "synthetic-keyed", csv = "synthetic.csv",
                                   items = paste0("S", 1:5), keys = c(1, -1, 1, -1, 1))
# psych drops S6 here; it can only do so without keys (with a keys vector
# it fails on the size mismatch), so this case has none.
cases[[length(cases) + 1]] <- list(name = "synthetic-dropped", csv = "synthetic.csv",
                                   items = paste0("S", c(1, 3, 5, 6)), keys = c(1, 1, 1, 1))
cases[[length(cases) + 1]] <- list(name = "synthetic-two-items", csv = "synthetic.csv",
                                   items = c("S1", "S2"), keys = c(1, -1))

num <- function(v) {
  s <- ifelse(is.na(v), "null", sprintf("%.17g", v))
  paste0("[", paste(s, collapse = ", "), "]")
}
str_list <- function(v) paste0("[", paste0("\"", v, "\"", collapse = ", "), "]")

case_json <- function(cs) {
  data <- if (cs$csv == "bfi.csv") items else synthetic
  x <- data[, cs$items]
  keys <- if (all(cs$keys == 1)) NULL else cs$keys
  a <- suppressMessages(suppressWarnings(alpha(x, keys = keys)))
  # psych leaves out items without variance; report them as null.
  kept <- sub("-$", "", rownames(a$item.stats))
  at <- function(v) { r <- rep(NA, length(cs$items)); r[match(kept, cs$items)] <- v; r }
  fr <- a$response.freq
  values <- as.numeric(colnames(fr)[colnames(fr) != "miss"])
  freq_rows <- vapply(cs$items, function(it) {
    if (it %in% kept) num(fr[it, colnames(fr) != "miss"]) else "null"
  }, "")
  paste0(
    "    {\n",
    "      \"name\": \"", cs$name, "\",\n",
    "      \"csv\": \"", cs$csv, "\",\n",
    "      \"items\": ", str_list(cs$items), ",\n",
    "      \"keys\": ", num(cs$keys), ",\n",
    "      \"raw_alpha\": ", sprintf("%.17g", a$total$raw_alpha), ",\n",
    "      \"std_alpha\": ", sprintf("%.17g", a$total$std.alpha), ",\n",
    "      \"average_r\": ", sprintf("%.17g", a$total$average_r), ",\n",
    "      \"alpha_drop\": ", num(at(a$alpha.drop$raw_alpha)), ",\n",
    "      \"std_alpha_drop\": ", num(at(a$alpha.drop$std.alpha)), ",\n",
    "      \"average_r_drop\": ", num(at(a$alpha.drop$average_r)), ",\n",
    "      \"n\": ", num(at(a$item.stats$n)), ",\n",
    "      \"raw_r\": ", num(at(a$item.stats$raw.r)), ",\n",
    "      \"r_drop\": ", num(at(a$item.stats$r.drop)), ",\n",
    "      \"mean\": ", num(at(a$item.stats$mean)), ",\n",
    "      \"sd\": ", num(at(a$item.stats$sd)), ",\n",
    "      \"freq_values\": ", num(values), ",\n",
    "      \"freq\": [", paste(freq_rows, collapse = ", "), "],\n",
    "      \"miss\": ", num(at(fr[, "miss"])), "\n",
    "    }")
}

json <- paste0(
  "{\n",
  "  \"made_by\": \"tests/golden/bfi/export.R\",\n",
  "  \"r_version\": \"", R.version$major, ".", R.version$minor, "\",\n",
  "  \"psych_version\": \"", packageVersion("psych"), "\",\n",
  "  \"psychtools_version\": \"", packageVersion("psychTools"), "\",\n",
  "  \"cases\": [\n",
  paste(vapply(cases, case_json, ""), collapse = ",\n"),
  "\n  ]\n}\n")
writeLines(json, file.path(out_dir, "alpha.json"), sep = "")
