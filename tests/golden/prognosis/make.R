# Golden values for src/engine/fit.c and src/engine/validate.c.
#
# Writes, next to this script:
#   pp.csv    person-period data simulated from a known cloglog model
#             (3,000 clients, 3 features, entry durations 0..48 months,
#             censoring), in the contract's format (docs/contracts/prognosis-v1.md)
#   glm.json  glm(event ~ 0 + factor(bucket) + x1 + x2 + x3,
#             family = binomial(link = "cloglog")): coefficients and standard
#             errors with R's default control (what the issue compares to) and
#             with epsilon = 1e-15 (the optimum to rounding); and a ridge case
#             (lambda = 25) from an independent penalised IRLS in R, checked
#             against optim()'s gradient
#   auc.csv   200 predictions with many ties and their 0/1 outcomes
#   auc.json  pROC::auc(y, p), Brier, the calibration slope and its
#             intercept from glm(y ~ qlogis(p), binomial) and the
#             calibration-in-the-large from glm(y ~ offset(qlogis(p)), binomial)
# Every number has 17 significant digits.
#
# A developer's one-off step, not a CI dependency: the C tests read the
# committed files. To regenerate (Debian/Ubuntu):
#   apt-get install -y r-base-core r-cran-proc
#   Rscript tests/golden/prognosis/make.R      # from the repository root
# Made with R 4.2.2 and pROC 1.18; the versions are recorded in the JSON.
suppressPackageStartupMessages(library(pROC))

out_dir <- "tests/golden/prognosis"
if (!dir.exists(out_dir)) stop("run from the repository root")
set.seed(20240401)

# --- person-period data from a known model ---------------------------------
bucket_of <- function(t) findInterval(t, c(1, 4, 7, 10, 13, 19, 25, 37))
h0 <- c(0.08, 0.07, 0.06, 0.05, 0.04, 0.03, 0.025, 0.02)
gamma_true <- log(-log(1 - h0))
beta_true <- c(0.30, -0.20, -0.40)

n <- 3000
x1 <- sample(-2:2, n, replace = TRUE)
x2 <- sample(-2:2, n, replace = TRUE, prob = c(1, 2, 3, 2, 1))
x3 <- rbinom(n, 1, 0.3)
entry <- sample(0:48, n, replace = TRUE)
follow <- sample(1:36, n, replace = TRUE) # months observed unless work starts

rows <- vector("list", n)
for (i in 1:n) {
  lp <- beta_true[1] * x1[i] + beta_true[2] * x2[i] + beta_true[3] * x3[i]
  periods <- entry[i] + seq_len(follow[i])
  h <- 1 - exp(-exp(gamma_true[bucket_of(periods)] + lp))
  ev <- rbinom(length(periods), 1, h)
  last <- if (any(ev == 1)) which(ev == 1)[1] else length(periods)
  rows[[i]] <- data.frame(client = i, period = periods[1:last],
                          event = c(rep(0L, last - 1), ev[last]),
                          x1 = x1[i], x2 = x2[i], x3 = x3[i])
}
pp <- do.call(rbind, rows)
write.csv(pp, file.path(out_dir, "pp.csv"), row.names = FALSE, quote = FALSE)

pp$bucket <- factor(bucket_of(pp$period), levels = 1:8)
form <- event ~ 0 + bucket + x1 + x2 + x3
fit_default <- glm(form, family = binomial(link = "cloglog"), data = pp)
fit_tight <- glm(form, family = binomial(link = "cloglog"), data = pp,
                 control = glm.control(epsilon = 1e-15, maxit = 100))

# --- ridge: penalised IRLS (Fisher scoring), an algorithm other than the C
# code's Newton with the observed Hessian -------------------------------------
lambda <- 25
X <- model.matrix(form, pp)
y <- pp$event
pen <- c(rep(0, 8), rep(lambda, 3))
theta <- coef(fit_tight)
for (it in 1:200) {
  eta <- drop(X %*% theta)
  u <- exp(eta)
  mu <- -expm1(-u)
  dmu <- u * exp(-u)
  w <- dmu^2 / (mu * (1 - mu))
  grad <- drop(crossprod(X, (y - mu) * dmu / (mu * (1 - mu)))) - pen * theta
  info <- crossprod(X, X * w) + diag(pen)
  step <- solve(info, grad)
  theta <- theta + step
  if (max(abs(step)) < 1e-14) break
}
eta <- drop(X %*% theta); u <- exp(eta); mu <- -expm1(-u); dmu <- u * exp(-u)
w <- dmu^2 / (mu * (1 - mu))
ridge_se <- sqrt(diag(solve(crossprod(X, X * w) + diag(pen))))
pen_negll <- function(th) {
  e <- drop(X %*% th); u <- exp(e)
  -sum(ifelse(y == 1, log(-expm1(-u)), -u)) + lambda * sum(th[9:11]^2) / 2
}
pen_grad <- function(th) {
  e <- drop(X %*% th); u <- exp(e); m <- -expm1(-u); d <- u * exp(-u)
  -drop(crossprod(X, (y - m) * d / (m * (1 - m)))) + pen * th
}
opt <- optim(theta, pen_negll, pen_grad, method = "BFGS",
             control = list(reltol = 1e-16, maxit = 1000))
if (max(abs(opt$par - theta)) > 1e-6) stop("ridge: optim and IRLS disagree")
if (max(abs(pen_grad(theta))) > 1e-8) stop("ridge: gradient not zero at the IRLS optimum")

# --- AUC and calibration on a case with ties ---------------------------------
na <- 200
p <- round(plogis(rnorm(na, -0.5, 1)), 2)     # two decimals: many ties
p[p <= 0] <- 0.01; p[p >= 1] <- 0.99
ya <- rbinom(na, 1, plogis(1.3 * qlogis(p) + 0.2))
write.csv(data.frame(p = p, y = ya), file.path(out_dir, "auc.csv"), row.names = FALSE,
          quote = FALSE)
auc_r <- as.numeric(auc(ya, p, levels = c(0, 1), direction = "<", quiet = TRUE))
slope_fit <- glm(ya ~ qlogis(p), family = binomial,
                 control = glm.control(epsilon = 1e-15, maxit = 100))
citl_fit <- glm(ya ~ offset(qlogis(p)), family = binomial,
                control = glm.control(epsilon = 1e-15, maxit = 100))

# --- JSON ----------------------------------------------------------------------
num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ", "), "]")
one <- function(v) sprintf("%.17g", v)
se_of <- function(f) sqrt(diag(vcov(f)))
block <- function(name, f) paste0(
  "  \"", name, "\": {\n",
  "    \"coefficients\": ", num(coef(f)), ",\n",
  "    \"se\": ", num(se_of(f)), ",\n",
  "    \"deviance\": ", one(deviance(f)), ",\n",
  "    \"iterations\": ", f$iter, "\n  },\n")
json <- paste0(
  "{\n",
  "  \"made_by\": \"tests/golden/prognosis/make.R\",\n",
  "  \"r_version\": \"", R.version$major, ".", R.version$minor, "\",\n",
  "  \"proc_version\": \"", packageVersion("pROC"), "\",\n",
  "  \"names\": [", paste0("\"", names(coef(fit_default)), "\"", collapse = ", "), "],\n",
  "  \"true_gamma\": ", num(gamma_true), ",\n",
  "  \"true_beta\": ", num(beta_true), ",\n",
  "  \"rows\": ", nrow(pp), ",\n",
  "  \"events\": ", sum(pp$event), ",\n",
  block("glm_default", fit_default),
  block("glm_tight", fit_tight),
  "  \"ridge\": {\n",
  "    \"lambda\": ", one(lambda), ",\n",
  "    \"coefficients\": ", num(theta), ",\n",
  "    \"se\": ", num(ridge_se), "\n  },\n",
  "  \"auc\": {\n",
  "    \"auc\": ", one(auc_r), ",\n",
  "    \"brier\": ", one(mean((p - ya)^2)), ",\n",
  "    \"slope_intercept\": ", one(coef(slope_fit)[1]), ",\n",
  "    \"slope\": ", one(coef(slope_fit)[2]), ",\n",
  "    \"intercept\": ", one(coef(citl_fit)[1]), "\n  }\n",
  "}\n")
writeLines(json, file.path(out_dir, "glm.json"), sep = "")
# auc.json holds the same measures on their own, for the validate test
writeLines(paste0("{\n  \"made_by\": \"tests/golden/prognosis/make.R\",\n",
                  "  \"proc_version\": \"", packageVersion("pROC"), "\",\n",
                  "  \"auc\": ", one(auc_r), ",\n",
                  "  \"brier\": ", one(mean((p - ya)^2)), ",\n",
                  "  \"slope_intercept\": ", one(coef(slope_fit)[1]), ",\n",
                  "  \"slope\": ", one(coef(slope_fit)[2]), ",\n",
                  "  \"intercept\": ", one(coef(citl_fit)[1]), "\n}\n"),
           file.path(out_dir, "auc.json"), sep = "")
