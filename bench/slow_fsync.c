/* Slow storage for benchmarks: an LD_PRELOAD shim that makes fsync(2) and fdatasync(2)
 * take SLOW_FSYNC_MS milliseconds longer (a float, default 20: an SD card's flush), then
 * does the real call. It counts the calls of each thread, so a bench can tell how many
 * flushes one commit costs its caller (a checkpoint on another thread is not counted):
 * slow_fsync_calls(), found with ctypes.CDLL(None) in the preloaded process. Built at run time by bench/slow_storage.py with the system's cc:
 *
 *     cc -shared -fPIC -O2 -o slow_fsync.so bench/slow_fsync.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

static __thread long calls;   /* this thread's */
static long delay_ns = -1;

static void slow_down(void)
{
    if (delay_ns < 0) {
        const char *ms = getenv("SLOW_FSYNC_MS");
        delay_ns = (long)((ms ? atof(ms) : 20.0) * 1e6);
    }
    calls++;
    if (delay_ns == 0)
        return;
    struct timespec left = {delay_ns / 1000000000L, delay_ns % 1000000000L};
    while (nanosleep(&left, &left) == -1 && errno == EINTR) {
    }
}

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    int saved = errno;
    slow_down();
    errno = saved;
    return real(fd);
}

int fdatasync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    int saved = errno;
    slow_down();
    errno = saved;
    return real(fd);
}

long slow_fsync_calls(void)
{
    return calls;
}
