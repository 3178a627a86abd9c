# The R reference of bench/bench_prognosis.c, on the same data in the same run:
#   Rscript bench/r_prognosis.R PP.csv CLIENTS.csv MODEL.csv
# PP.csv: person-period rows (client,period,event,<features>,audit_*);
# CLIENTS.csv: d,<features> per client; MODEL.csv: kind,value with the
# monthly baseline hazard (kind h0) and the coefficients (kind beta).
# Prints "fit_seconds S", "score_seconds S", "p12_sum X" and one line
# "coef I VALUE" per coefficient (buckets, then features) for the C side
# to compare. Reading the files is not timed, on either side.
suppressMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
pp <- fread(args[1])
cl <- fread(args[2])
mo <- fread(args[3])
feat <- setdiff(names(pp), c("client", "period", "event", grep("^audit_", names(pp), value = TRUE)))
setDF(pp)
pp$bucket <- cut(pp$period, c(0, 3, 6, 9, 12, 18, 24, 36, Inf))
pp <- pp[, c("event", "bucket", feat)]

# The fit as a user writes it: the contract's formula with glm().
t0 <- proc.time()[["elapsed"]]
fit <- glm(event ~ 0 + bucket + ., data = pp, family = binomial(link = "cloglog"))
cat(sprintf("fit_seconds %.3f\n", proc.time()[["elapsed"]] - t0))

# Vectorised prediction of p6 and p12: the cumulative baseline hazard once,
# then one matrix product and two exps per client (as the C engine does).
h0 <- mo$value[mo$kind == "h0"]
beta <- mo$value[mo$kind == "beta"]
X <- as.matrix(cl[, ..feat])
d <- cl$d
t0 <- proc.time()[["elapsed"]]
n <- length(h0)
H <- c(0, cumsum(-log1p(-h0)))
tail_h <- -log1p(-h0[n])
cumH <- function(t) ifelse(t <= n, H[pmin(t, n) + 1], H[n + 1] + (t - n) * tail_h)
elp <- exp(drop(X %*% beta))
base <- cumH(d)
p6 <- -expm1(-elp * (cumH(d + 6) - base))
p12 <- -expm1(-elp * (cumH(d + 12) - base))
cat(sprintf("score_seconds %.3f\n", proc.time()[["elapsed"]] - t0))
cat(sprintf("p12_sum %.10f\n", sum(p12)))
co <- coef(fit)
for (i in seq_along(co)) cat(sprintf("coef %d %.12g\n", i - 1, co[[i]]))
