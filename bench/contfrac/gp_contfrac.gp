\\ PARI/GP side of the continued-fraction benchmark (docs/benchmarks.md): 10,000 simple-CF terms
\\ of pi. Run:  gp -q -f bench/contfrac/gp_contfrac.gp
\\ Prints the precision, the number of terms and the milliseconds per run (a) with Pi evaluated
\\ in the loop (PARI caches Pi, so this is mostly contfrac too) and (b) contfrac alone.
default(parisize, 200000000);
default(realprecision, 10300);
reps = 20;
t = getabstime(); for (i = 1, reps, default(realprecision, 10300 + (i % 2)); x = Pi; v = contfrac(x, 10000)); ta = (getabstime() - t) / reps;
default(realprecision, 10300); x = Pi;
t = getabstime(); for (i = 1, reps, v = contfrac(x, 10000)); tb = (getabstime() - t) / reps;
printf("{\"digits\": 10300, \"terms\": %d, \"ms_with_pi\": %.2f, \"ms_contfrac_only\": %.2f}\n", #v, ta, tb);
quit
