// An atomic exchange of two paths, which Swift's Glibc module does not declare. Seen by
// exactly one Swift file (Notebook/Render/SiteFolder.swift).
#ifndef C_RENAME_EXCHANGE_H
#define C_RENAME_EXCHANGE_H

/// Swaps what the paths `a` and `b` name, in one step: each is always one of the two, never
/// missing. Both must exist, on one file system.
///
/// Returns 0, or -1 with `errno` set. `EINVAL` or `ENOSYS` means that this file system, kernel
/// or system cannot exchange (as on other systems than Linux and macOS); the caller falls
/// back to two renames.
int mantissa_rename_exchange(const char *a, const char *b);

#endif
