// Why C: renameat2 and RENAME_EXCHANGE are GNU declarations (they need _GNU_SOURCE), which
// Swift's Glibc module leaves out; `syscall`, the other way in, is variadic and cannot be
// called from Swift. On macOS the same operation is renamex_np with RENAME_SWAP.
#define _GNU_SOURCE
#include "CRenameExchange.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

int mantissa_rename_exchange(const char *a, const char *b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#elif defined(__APPLE__)
    return renamex_np(a, b, RENAME_SWAP);
#else
    (void)a;
    (void)b;
    errno = ENOSYS;
    return -1;
#endif
}
