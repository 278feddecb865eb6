# Writes the R-made fixtures of RealRFixturesTest. Run once, from this folder, with R 4.2:
#   Rscript make-fixtures.R
# The tests never run R; they read the files this wrote (see README.md for what each holds).

frame <- data.frame(
  int  = c(1L, NA, -3L),
  dbl  = c(1.5, NA, NaN),
  lgl  = c(TRUE, NA, FALSE),
  chr  = c("a", NA, "caf\u00e9"),                       # UTF-8 marked
  fct  = factor(c("lo", NA, "hi"), levels = c("lo", "hi")),
  ord  = factor(c("S", "L", "M"), levels = c("S", "M", "L"), ordered = TRUE),
  day  = as.Date(c("1970-01-01", NA, "2024-02-29")),
  when = as.POSIXct(c(0, NA, 1700000000.25), origin = "1970-01-01", tz = "UTC"),
  stringsAsFactors = FALSE)
latin <- c("plain", "na\xefve", NA)
Encoding(latin) <- "latin1"                             # stays latin1-marked in the file
frame$latin <- latin
stopifnot(.row_names_info(frame) < 0)                  # compact row names c(NA, -3)

saveRDS(frame, "frame-v3.rds")                          # gzip, format 3
saveRDS(frame, "frame-v2-xz.rds", compress = "xz", version = 2)
words <- c("alpha", "beta")
save(frame, words, file = "workspace-gzip-v2.rda", version = 2)
save(frame, words, file = "workspace-bzip2.rda", compress = "bzip2")
save(frame, words, file = "workspace-xz.rda", compress = "xz")

# ALTREP objects as R >= 3.5 serializes them (format 3 only).
altrep <- list(
  intseq = 1:5,                                          # compact_intseq
  down = 10:8,                                           # compact_intseq, increment -1
  realseq = as.numeric(1:3),                             # compact_realseq
  named = .Internal(wrap_meta(c(a = 1L, b = 2L), 1L, 1L)),  # wrap_integer whose attributes ride beside it
  deferred = as.character(101:103),                      # deferred_string of integers
  wrapped_int = .Internal(wrap_meta(c(3L, 1L, NA), 0L, 0L)),
  wrapped_real = .Internal(wrap_meta(c(2.5, 1.5), -1L, 1L)),
  wrapped_chr = .Internal(wrap_meta(c("x", "y"), 1L, 1L)))
saveRDS(altrep, "altrep.rds", compress = FALSE)
saveRDS(as.character(c(1.5, 1e5)), "altrep-deferred-double.rds", compress = FALSE)

# Not data: a function inside a list, and an ASCII-format file.
saveRDS(list(x = 1:3, f = function(x) x + 1), "closure.rds")
saveRDS(1:3, "ascii.rds", ascii = TRUE, compress = FALSE)

# Lazy-load databases as R CMD INSTALL builds data/Rdata.rd[xb]: zlib (TRUE), bzip2 (2L), xz (3L).
e <- new.env()
assign("frame", frame, e)
assign("words", words, e)
assign("f", function(x) x + 1, e)
for (m in list(list("lazyload-zlib", TRUE), list("lazyload-bzip2", 2L), list("lazyload-xz", 3L))) {
  dir.create(m[[1]], showWarnings = FALSE)
  tools:::makeLazyLoadDB(e, file.path(m[[1]], "Rdata"), compress = m[[2]])
}
