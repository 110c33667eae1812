// What MantissaCLI's ChildProcess needs from posix_spawn that Swift's Glibc module does not
// show (POSIX_SPAWN_SETSID, a working directory, closing inherited descriptors). Seen by
// exactly one Swift file (MantissaCLI/Running/ChildProcess.swift).
#ifndef C_CHILD_PROCESS_H
#define C_CHILD_PROCESS_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` as the leader of a new session (so of a new process
/// group too), in `directory` (or this process's when NULL), with `input`, `output` and
/// `error` as its descriptors 0, 1 and 2 and no other descriptor of this process. Signals
/// start unblocked and with their default actions.
///
/// Returns 0 and sets `*pid`, or returns an `errno` value (nothing was started).
int mantissa_spawn_session(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                           const char *directory, int input, int output, int error);

#endif
