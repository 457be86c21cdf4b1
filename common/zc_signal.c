/*  zc_signal — see zc_signal.h. */
#include "zc_signal.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t s_interrupted = 0;
static int s_pipe[2] = {-1, -1};

static void s_handler(int sig)
{
    (void)sig;
    int saved = errno;
    s_interrupted = 1;
    if (s_pipe[1] >= 0) {
        ssize_t w = write(s_pipe[1], "x", 1);
        (void)w;
    }
    errno = saved;
}

int zc_signal_init(void)
{
    if (s_pipe[0] < 0) {
        if (pipe(s_pipe) != 0)
            return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(s_pipe[i], F_SETFL, fcntl(s_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(s_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = s_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    return s_pipe[0];
}

bool zc_signal_interrupted(void)
{
    return s_interrupted != 0;
}

void zc_signal_drain(void)
{
    char buf[64];
    while (s_pipe[0] >= 0 && read(s_pipe[0], buf, sizeof buf) > 0) {
    }
}

int zc_signal_test(bool verbose)
{
    (void)verbose;
    int fd = zc_signal_init();
    assert(fd >= 0);
    assert(!zc_signal_interrupted());
    raise(SIGTERM);
    assert(zc_signal_interrupted());
    char c;
    assert(read(fd, &c, 1) == 1);
    zc_signal_drain();
    s_interrupted = 0;
    return 0;
}
