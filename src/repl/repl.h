/* The interactive REPL: `eddy repl`, or `eddy` alone on a terminal. */
#ifndef EDDY_REPL_H
#define EDDY_REPL_H

/* argv[1] is "repl" (or absent); an optional argv[2] is a .sql file run
 * into the session first. Returns the exit status. */
int repl_main(int argc, char **argv);

#endif
