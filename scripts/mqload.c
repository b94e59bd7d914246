/*
 * mqload - a load generator for the message-queue brokers of chapter 4 (the book's wire protocol:
 * a 4-byte big-endian length, then the payload; a client's first frame is the channel it subscribes
 * to, then it sends pairs of frames, destination channel then payload).
 *
 * One thread, epoll (level-triggered), non-blocking sockets, TCP_NODELAY, like the harness's
 * echoload.c. S subscriber connections subscribe to CHANNEL (a /topic/... channel: every subscriber
 * gets every message; a /queue/... channel: each message goes to one of them); P sender connections
 * subscribe to /null and then send (CHANNEL, payload) pairs as fast as the broker reads them. A sender
 * has no queue of its own: it writes from one fixed buffer of ready-made pairs whenever its socket
 * takes more, so the bytes in flight per sender are bounded by the kernel's socket buffers (and by
 * the broker's own backpressure or drop policy).
 *
 * Subscribers parse every frame header and check that each frame has SIZE bytes; the payload bytes
 * of their first VERIFY_FRAMES frames are compared with what was sent (-A: all frames). After that,
 * payloads of 4 KiB and more are dropped in the kernel with recv(MSG_TRUNC) (no copy to user space);
 * smaller ones are read in 256 KiB gulps and only their headers are looked at.
 *
 * Modes:
 *   rate (default)  warmup W s, then D s measured: one JSON line with messages received/s over all
 *                   subscribers, payload MB/s delivered, messages sent/s, and, with -K PID, the busy
 *                   share of every core and of the broker process over the measured window
 *                   (/proc/stat, /proc/PID/stat), the broker's minor faults per second.
 *   -n N            count: every sender sends exactly N messages; waits (at most D s) until the
 *                   subscribers got what they should (topic: N*P each; queue: N*P in all) and exits 0
 *                   only if the counts are exact and every checked payload matched (-A checks all).
 *   -F              fan-out: connect S subscribers (ulimit -n permitting), send a probe message every
 *                   250 ms until every subscriber has one, then one more message, and wait until all S
 *                   have it; reports the broker's RSS (-K PID) before connecting and with S subscribers,
 *                   and the output of `-x CMD before|after` (a JSON object, e.g. the JVM's heap).
 *
 * Only loopback (127.0.0.0/8) targets are accepted; a hard alarm() ends any run that hangs.
 * Build: gcc -O2 -Wall -o mqload mqload.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define VERIFY_FRAMES 16
#define TRUNC_MIN 4096
#define RBUF_LEN (256u << 10)

typedef struct {
    int fd;
    int sender;              /* 1: sender, 0: subscriber */
    int dead;
    int want_out;
    /* sender */
    size_t wpos;             /* position in g_sbuf */
    uint64_t bytes_sent;
    uint64_t bytes_limit;    /* count mode: N pairs; else UINT64_MAX */
    /* subscriber */
    unsigned char hdr[4];
    int hdr_n;
    uint64_t remain;         /* payload bytes of the current frame still to come */
    uint64_t ppos;           /* position in the current payload */
    int checking;            /* the current frame's payload is compared */
    uint64_t frames;
} conn_t;

static int g_ep;
static size_t g_size = 100;
static const char *g_chan = "/topic/bench";
static unsigned char *g_payload;   /* the payload every message carries */
static unsigned char *g_sbuf;      /* K ready-made (channel, payload) pairs */
static size_t g_sbuf_len, g_pair_len;
static unsigned char *g_rbuf;
static int g_verify_all;
static uint64_t g_frames_total, g_verify_fail, g_bad_size, g_errors;
static conn_t *g_conns;
static int g_nconns;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void die(const char *what) {
    perror(what);
    exit(2);
}

static void on_alarm(int sig) {
    (void)sig;
    static const char m[] = "mqload: hard time limit reached, exiting\n";
    if (write(2, m, sizeof m - 1) < 0) { /* nothing */ }
    _exit(3);
}

/* ---- CPU and memory of the machine and of the broker, from /proc ---- */

#define MAXCPU 64
typedef struct {
    int ncpu;
    unsigned long long busy[MAXCPU], total[MAXCPU], steal[MAXCPU];
    unsigned long long proc_ticks, proc_uticks, proc_minflt;
    int proc_ok;
} snap_t;

static void take_snap(snap_t *s, int pid) {
    memset(s, 0, sizeof *s);
    char line[512];
    FILE *f = fopen("/proc/stat", "r");
    if (f) {
        while (fgets(line, sizeof line, f)) {
            int cpu;
            unsigned long long v[8] = {0};
            if (strncmp(line, "cpu", 3) != 0 || line[3] < '0' || line[3] > '9') continue;
            if (sscanf(line, "cpu%d %llu %llu %llu %llu %llu %llu %llu %llu", &cpu, &v[0], &v[1], &v[2],
                       &v[3], &v[4], &v[5], &v[6], &v[7]) < 9 || cpu < 0 || cpu >= MAXCPU) continue;
            /* user nice system idle iowait irq softirq steal */
            s->busy[cpu] = v[0] + v[1] + v[2] + v[5] + v[6];
            s->steal[cpu] = v[7];
            s->total[cpu] = v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7];
            if (cpu + 1 > s->ncpu) s->ncpu = cpu + 1;
        }
        fclose(f);
    }
    if (pid <= 0) return;
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    f = fopen(path, "r");
    if (!f) return;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    unsigned long long mn = 0, ut = 0, st = 0;
    /* state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime */
    if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %llu %*u %*u %*u %llu %llu", &mn, &ut, &st) == 3) {
        s->proc_ticks = ut + st;
        s->proc_uticks = ut;
        s->proc_minflt = mn;
        s->proc_ok = 1;
    }
}

static void print_cpu_json(const snap_t *a, const snap_t *b, double secs) {
    printf(",\"cpu_busy_pct\":[");
    for (int i = 0; i < b->ncpu; i++) {
        unsigned long long dt = b->total[i] - a->total[i];
        printf("%s%.1f", i ? "," : "", dt ? 100.0 * (double)(b->busy[i] - a->busy[i]) / (double)dt : 0.0);
    }
    printf("],\"cpu_steal_pct\":[");
    for (int i = 0; i < b->ncpu; i++) {
        unsigned long long dt = b->total[i] - a->total[i];
        printf("%s%.1f", i ? "," : "", dt ? 100.0 * (double)(b->steal[i] - a->steal[i]) / (double)dt : 0.0);
    }
    printf("]");
    if (a->proc_ok && b->proc_ok && secs > 0)
        printf(",\"server_cpu_pct\":%.1f,\"server_user_pct\":%.1f,\"server_minflt_per_s\":%.0f",
               100.0 * (double)(b->proc_ticks - a->proc_ticks) / (double)sysconf(_SC_CLK_TCK) / secs,
               100.0 * (double)(b->proc_uticks - a->proc_uticks) / (double)sysconf(_SC_CLK_TCK) / secs,
               (double)(b->proc_minflt - a->proc_minflt) / secs);
}

/* VmRSS of pid in KiB, or -1. */
static long rss_kib(int pid) {
    char path[64], line[256];
    long v = -1;
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %ld", &v) == 1) break;
    fclose(f);
    return v;
}

/* Runs `cmd arg` and returns its first output line (a JSON object), or "null". */
static char *run_hook(const char *cmd, const char *arg) {
    static char out[2][4096];
    static int which;
    char *o = out[which++ & 1];
    strcpy(o, "null");
    if (!cmd) return o;
    char full[2048];
    snprintf(full, sizeof full, "%s %s", cmd, arg);
    FILE *p = popen(full, "r");
    if (!p) return o;
    if (fgets(o, sizeof out[0], p)) {
        o[strcspn(o, "\n")] = 0;
        if (o[0] != '{') strcpy(o, "null");
    } else {
        strcpy(o, "null");
    }
    pclose(p);
    return o;
}

/* ---- connections ---- */

static void set_events(conn_t *c, int want_out) {
    if (c->want_out == want_out) return;
    struct epoll_event ev = {.events = EPOLLIN | (want_out ? EPOLLOUT : 0), .data.ptr = c};
    if (epoll_ctl(g_ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl MOD");
    c->want_out = want_out;
}

static void kill_conn(conn_t *c, const char *why, int err) {
    if (c->dead) return;
    c->dead = 1;
    g_errors++;
    fprintf(stderr, "mqload: %s fd=%d died: %s (%s)\n", c->sender ? "sender" : "subscriber", c->fd, why,
            err ? strerror(err) : "eof");
    epoll_ctl(g_ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
}

static void put_frame(unsigned char *p, const void *data, size_t len) {
    p[0] = (unsigned char)(len >> 24);
    p[1] = (unsigned char)(len >> 16);
    p[2] = (unsigned char)(len >> 8);
    p[3] = (unsigned char)len;
    memcpy(p + 4, data, len);
}

/* Connects (blocking), sends the subscribe frame, then switches to non-blocking and registers. */
static void open_conn(conn_t *c, const struct sockaddr_in *sa, const char *chan, int sender) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (const struct sockaddr *)sa, sizeof *sa) < 0) die("connect");
    unsigned char f[260];
    size_t len = strlen(chan);
    put_frame(f, chan, len);
    if (send(fd, f, len + 4, MSG_NOSIGNAL) != (ssize_t)(len + 4)) die("send subscribe");
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    memset(c, 0, sizeof *c);
    c->fd = fd;
    c->sender = sender;
    c->bytes_limit = UINT64_MAX;
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
    if (epoll_ctl(g_ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl ADD");
}

/* Writes as much of the pair stream as the socket takes (and the count limit allows). */
static void do_write(conn_t *c) {
    for (;;) {
        uint64_t left = c->bytes_limit - c->bytes_sent;
        if (left == 0) { set_events(c, 0); return; }
        size_t want = g_sbuf_len - c->wpos;
        if (want > left) want = (size_t)left;
        ssize_t n = send(c->fd, g_sbuf + c->wpos, want, MSG_NOSIGNAL);
        if (n > 0) {
            c->bytes_sent += (uint64_t)n;
            c->wpos = (c->wpos + (size_t)n) % g_sbuf_len;
            if ((size_t)n < want) { set_events(c, 1); return; }
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) { set_events(c, 1); return; }
        kill_conn(c, "send", n < 0 ? errno : 0);
        return;
    }
}

static void frame_start(conn_t *c) {
    uint32_t len = (uint32_t)c->hdr[0] << 24 | (uint32_t)c->hdr[1] << 16 | (uint32_t)c->hdr[2] << 8 | c->hdr[3];
    c->hdr_n = 0;
    if (len != g_size) g_bad_size++;
    c->remain = len;
    c->ppos = 0;
    c->checking = len == g_size && (g_verify_all || c->frames < VERIFY_FRAMES);
}

static void frame_end(conn_t *c) {
    c->frames++;
    g_frames_total++;
}

/* Consumes n received bytes: headers, and the payloads of frames being checked. */
static void parse(conn_t *c, const unsigned char *p, size_t n) {
    while (n > 0) {
        if (c->remain == 0) {
            size_t take = 4 - (size_t)c->hdr_n;
            if (take > n) take = n;
            memcpy(c->hdr + c->hdr_n, p, take);
            c->hdr_n += (int)take;
            p += take;
            n -= take;
            if (c->hdr_n < 4) return;
            frame_start(c);
            if (c->remain == 0) frame_end(c);
            continue;
        }
        size_t take = c->remain < n ? (size_t)c->remain : n;
        if (c->checking && memcmp(p, g_payload + c->ppos, take) != 0) {
            g_verify_fail++;
            c->checking = 0;
        }
        c->ppos += take;
        c->remain -= take;
        p += take;
        n -= take;
        if (c->remain == 0) frame_end(c);
    }
}

static void do_read(conn_t *c) {
    for (int round = 0; round < 16; round++) {
        ssize_t n;
        int big = g_size >= TRUNC_MIN && !g_verify_all;
        if (big && c->remain > 0 && !c->checking) {
            /* the rest of an unchecked payload: the kernel drops it without copying */
            size_t want = c->remain < RBUF_LEN ? (size_t)c->remain : RBUF_LEN;
            n = recv(c->fd, g_rbuf, want, MSG_TRUNC);
            if (n > 0) {
                c->remain -= (uint64_t)n;
                c->ppos += (uint64_t)n;
                if (c->remain == 0) frame_end(c);
                if ((size_t)n < want) return;
                continue;
            }
        } else {
            /* large payloads: only the header, so that the payload can be dropped in the kernel */
            size_t want = big && c->remain == 0 && c->frames >= VERIFY_FRAMES ? 4 - (size_t)c->hdr_n : RBUF_LEN;
            n = recv(c->fd, g_rbuf, want, 0);
            if (n > 0) {
                parse(c, g_rbuf, (size_t)n);
                if ((size_t)n < want) return;
                continue;
            }
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        kill_conn(c, "recv", n < 0 ? errno : 0);
        return;
    }
}

/* One round of the event loop, waiting at most timeout_ms. */
static void poll_once(int timeout_ms) {
    static struct epoll_event evs[1024];
    int n = epoll_wait(g_ep, evs, 1024, timeout_ms);
    if (n < 0) {
        if (errno == EINTR) return;
        die("epoll_wait");
    }
    for (int i = 0; i < n; i++) {
        conn_t *c = evs[i].data.ptr;
        if (c->dead) continue;
        if (evs[i].events & EPOLLOUT) do_write(c);
        if (!c->dead && (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) do_read(c);
    }
}

static uint64_t pairs_sent(int first, int count) {
    uint64_t s = 0;
    for (int i = first; i < first + count; i++) s += g_conns[i].bytes_sent / g_pair_len;
    return s;
}

static void usage(const char *p) {
    fprintf(stderr,
        "usage: %s -p PORT [-H 127.0.0.1] [-c CHANNEL] [-S SUBS] [-P SENDERS] [-s SIZE]\n"
        "          [-d SECONDS] [-w WARMUP] [-K BROKER_PID] [-N NAME] [-A]\n"
        "          [-n MSGS_PER_SENDER (count mode)] [-F (fan-out mode) [-x HOOK_CMD]]\n"
        "  -c channel (default /topic/bench; /queue/... gives each message to one subscriber)\n"
        "  -S subscribers (default 10), -P senders (default 1), -s payload bytes (default 100)\n"
        "  -d measured seconds (count and fan-out mode: the time limit; default 5), -w warmup (default 1)\n",
        p);
    exit(1);
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1", *name = "", *hook = NULL;
    int port = 0, nsubs = 10, nsend = 1, pid = 0, fanout = 0;
    uint64_t count = 0;
    double duration = 5.0, warmup = 1.0;
    int opt;
    while ((opt = getopt(argc, argv, "H:p:c:S:P:s:d:w:K:N:An:Fx:")) != -1) {
        switch (opt) {
        case 'H': host = optarg; break;
        case 'p': port = atoi(optarg); break;
        case 'c': g_chan = optarg; break;
        case 'S': nsubs = atoi(optarg); break;
        case 'P': nsend = atoi(optarg); break;
        case 's': g_size = (size_t)strtoull(optarg, NULL, 10); break;
        case 'd': duration = atof(optarg); break;
        case 'w': warmup = atof(optarg); break;
        case 'K': pid = atoi(optarg); break;
        case 'N': name = optarg; break;
        case 'A': g_verify_all = 1; break;
        case 'n': count = strtoull(optarg, NULL, 10); break;
        case 'F': fanout = 1; break;
        case 'x': hook = optarg; break;
        default: usage(argv[0]);
        }
    }
    if (port <= 0 || port > 65535 || nsubs <= 0 || nsend <= 0 || g_size > (64u << 20) ||
        strlen(g_chan) > 255 || duration <= 0 || warmup < 0 || duration > 3600 || warmup > 600)
        usage(argv[0]);
    if (fanout) nsend = 1;
    int is_queue = strncmp(g_chan, "/queue", 6) == 0;

    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1 || (ntohl(sa.sin_addr.s_addr) >> 24) != 127) {
        fprintf(stderr, "mqload: -H must be a loopback IPv4 address\n");
        return 1;
    }
    signal(SIGALRM, on_alarm);
    signal(SIGPIPE, SIG_IGN);
    alarm((unsigned)(warmup + duration + (fanout ? 120.0 : 30.0)));
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)(nsubs + nsend + 64)) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }

    /* the payload, and a send buffer of whole (channel, payload) pairs, about 64 KiB */
    size_t clen = strlen(g_chan);
    g_payload = malloc(g_size + 1);
    for (size_t i = 0; i < g_size; i++) g_payload[i] = (unsigned char)('a' + (i * 7 + i / 251) % 26);
    g_pair_len = 8 + clen + g_size;
    size_t k = g_pair_len >= 65536 ? 1 : 65536 / g_pair_len;
    g_sbuf_len = k * g_pair_len;
    g_sbuf = malloc(g_sbuf_len);
    g_rbuf = malloc(RBUF_LEN);
    if (!g_payload || !g_sbuf || !g_rbuf) die("malloc");
    for (size_t i = 0; i < k; i++) {
        put_frame(g_sbuf + i * g_pair_len, g_chan, clen);
        put_frame(g_sbuf + i * g_pair_len + 4 + clen, g_payload, g_size);
    }

    g_ep = epoll_create1(EPOLL_CLOEXEC);
    if (g_ep < 0) die("epoll_create1");
    g_nconns = nsubs + nsend;
    g_conns = calloc((size_t)g_nconns, sizeof *g_conns);
    if (!g_conns) die("calloc");
    conn_t *subs = g_conns, *senders = g_conns + nsubs;

    long rss0 = pid > 0 ? rss_kib(pid) : -1;
    char *hook0 = fanout ? run_hook(hook, "before") : run_hook(NULL, "");
    uint64_t t0 = now_ns();
    for (int i = 0; i < nsubs; i++) {
        open_conn(&subs[i], &sa, g_chan, 0);
        if (i % 50 == 49) poll_once(5); /* pace: a full accept queue drops SYNs, and a retry costs 1 s */
    }
    double connect_s = (double)(now_ns() - t0) / 1e9;
    /* the protocol has no acknowledgement: give the broker a moment to read the subscriptions */
    uint64_t t_settle = now_ns() + 200000000ull;
    while (now_ns() < t_settle) poll_once(20);
    for (int i = 0; i < nsend; i++) open_conn(&senders[i], &sa, "/null", 1);

    if (fanout) {
        /* probe until every subscriber has a message, then one more that must reach all of them */
        uint64_t deadline = now_ns() + (uint64_t)(duration * 1e9), probes = 0, next = 0;
        int all = 0;
        while (!all && now_ns() < deadline) {
            if (now_ns() >= next) {
                senders[0].bytes_limit = (++probes) * g_pair_len;
                do_write(&senders[0]);
                next = now_ns() + 250000000ull;
            }
            poll_once(10);
            all = 1;
            for (int i = 0; i < nsubs && all; i++) all = subs[i].frames > 0;
        }
        int reached_first = 0;
        for (int i = 0; i < nsubs; i++) reached_first += subs[i].frames > 0;
        t_settle = now_ns(); /* let the last probes arrive */
        while (now_ns() < t_settle + 500000000ull) poll_once(20);
        long rss1 = pid > 0 ? rss_kib(pid) : -1;
        char *hook1 = run_hook(hook, "after");
        uint64_t *before = malloc((size_t)nsubs * sizeof *before);
        for (int i = 0; i < nsubs; i++) before[i] = subs[i].frames;
        uint64_t ts = now_ns();
        senders[0].bytes_limit += g_pair_len;
        do_write(&senders[0]);
        int reached = 0, extra = 0;
        while (reached < nsubs && now_ns() < deadline + 10000000000ull) {
            poll_once(10);
            reached = 0;
            for (int i = 0; i < nsubs; i++) reached += subs[i].frames > before[i];
        }
        double fan_ms = (double)(now_ns() - ts) / 1e6;
        t_settle = now_ns();
        while (now_ns() < t_settle + 200000000ull) poll_once(20);
        for (int i = 0; i < nsubs; i++) extra += subs[i].frames > before[i] + 1;
        printf("{\"tool\":\"mqload\",\"mode\":\"fanout\",\"name\":\"%s\",\"channel\":\"%s\",\"subscribers\":%d,"
               "\"size\":%zu,\"connect_s\":%.3f,\"probes\":%llu,\"reached_by_probes\":%d,\"reached\":%d,"
               "\"over_delivered\":%d,\"fanout_ms\":%.1f,\"errors\":%llu,\"bad_size\":%llu,\"verify_failures\":%llu,"
               "\"server_rss_kib_before\":%ld,\"server_rss_kib_after\":%ld,\"rss_bytes_per_subscriber\":%.0f,"
               "\"hook_before\":%s,\"hook_after\":%s}\n",
               name, g_chan, nsubs, g_size, connect_s, (unsigned long long)probes, reached_first, reached, extra,
               fan_ms, (unsigned long long)g_errors, (unsigned long long)g_bad_size,
               (unsigned long long)g_verify_fail, rss0, rss1,
               rss0 >= 0 && rss1 >= 0 ? (double)(rss1 - rss0) * 1024.0 / nsubs : -1.0, hook0, hook1);
        return reached == nsubs && !extra && !g_errors && !g_bad_size && !g_verify_fail ? 0 : 4;
    }

    if (count) {
        /* exact counts: each sender sends `count` messages, then everything must arrive */
        uint64_t expect_each = (uint64_t)nsend * count, expect_all = is_queue ? expect_each : expect_each * nsubs;
        for (int i = 0; i < nsend; i++) {
            senders[i].bytes_limit = count * g_pair_len;
            do_write(&senders[i]);
        }
        uint64_t deadline = now_ns() + (uint64_t)(duration * 1e9);
        while (g_frames_total < expect_all && now_ns() < deadline && g_errors == 0) poll_once(20);
        t_settle = now_ns();
        while (now_ns() < t_settle + 100000000ull) poll_once(20); /* anything beyond the expected */
        uint64_t mn = UINT64_MAX, mx = 0;
        for (int i = 0; i < nsubs; i++) {
            if (subs[i].frames < mn) mn = subs[i].frames;
            if (subs[i].frames > mx) mx = subs[i].frames;
        }
        int ok = g_frames_total == expect_all && (is_queue || (mn == expect_each && mx == expect_each)) &&
                 pairs_sent(nsubs, nsend) == expect_each && !g_errors && !g_bad_size && !g_verify_fail;
        printf("{\"tool\":\"mqload\",\"mode\":\"count\",\"name\":\"%s\",\"channel\":\"%s\",\"subscribers\":%d,"
               "\"senders\":%d,\"size\":%zu,\"sent\":%llu,\"received\":%llu,\"expected\":%llu,"
               "\"received_min\":%llu,\"received_max\":%llu,\"errors\":%llu,\"bad_size\":%llu,"
               "\"verify_failures\":%llu,\"verify_all\":%d,\"ok\":%s}\n",
               name, g_chan, nsubs, nsend, g_size, (unsigned long long)pairs_sent(nsubs, nsend),
               (unsigned long long)g_frames_total, (unsigned long long)expect_all, (unsigned long long)mn,
               (unsigned long long)mx, (unsigned long long)g_errors, (unsigned long long)g_bad_size,
               (unsigned long long)g_verify_fail, g_verify_all, ok ? "true" : "false");
        return ok ? 0 : 4;
    }

    /* rate: warmup, then the measured window */
    for (int i = 0; i < nsend; i++) do_write(&senders[i]);
    uint64_t t_measure = now_ns() + (uint64_t)(warmup * 1e9), t_end = t_measure + (uint64_t)(duration * 1e9);
    while (now_ns() < t_measure) poll_once(50);
    struct rusage ru0, ru1;
    snap_t sn0, sn1;
    uint64_t t_m0 = now_ns(), f0 = g_frames_total, s0 = pairs_sent(nsubs, nsend);
    getrusage(RUSAGE_SELF, &ru0);
    take_snap(&sn0, pid);
    while (now_ns() < t_end && g_errors < (uint64_t)g_nconns) poll_once(50);
    uint64_t t_m1 = now_ns(), f1 = g_frames_total, s1 = pairs_sent(nsubs, nsend);
    getrusage(RUSAGE_SELF, &ru1);
    take_snap(&sn1, pid);
    double secs = (double)(t_m1 - t_m0) / 1e9;
    double cpu = (double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec + ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) +
                 (double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec + ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;
    double rx = (double)(f1 - f0) / secs, tx = (double)(s1 - s0) / secs;
    printf("{\"tool\":\"mqload\",\"mode\":\"rate\",\"name\":\"%s\",\"channel\":\"%s\",\"subscribers\":%d,"
           "\"senders\":%d,\"size\":%zu,\"warmup_s\":%.3f,\"duration_s\":%.3f,\"received\":%llu,\"sent\":%llu,"
           "\"msgs_per_s\":%.1f,\"mbps\":%.3f,\"sent_per_s\":%.1f,\"delivery_ratio\":%.4f,"
           "\"errors\":%llu,\"bad_size\":%llu,\"verify_failures\":%llu,\"client_cpu_pct\":%.1f",
           name, g_chan, nsubs, nsend, g_size, warmup, secs, (unsigned long long)(f1 - f0),
           (unsigned long long)(s1 - s0), rx, rx * (double)g_size / 1e6, tx,
           tx > 0 ? rx / (tx * (is_queue ? 1 : nsubs)) : 0.0, (unsigned long long)g_errors,
           (unsigned long long)g_bad_size, (unsigned long long)g_verify_fail, 100.0 * cpu / secs);
    print_cpu_json(&sn0, &sn1, secs);
    printf("}\n");
    fflush(stdout);
    fprintf(stderr, "mqload %s: %s %d->%d x %zu B, %.2fs: %.0f msg/s received (%.1f MB/s), %.0f msg/s sent, "
            "errors %llu, bad %llu/%llu, client cpu %.0f%%\n", name, g_chan, nsend, nsubs, g_size, secs, rx,
            rx * (double)g_size / 1e6, tx, (unsigned long long)g_errors, (unsigned long long)g_bad_size,
            (unsigned long long)g_verify_fail, 100.0 * cpu / secs);
    return (g_errors || g_bad_size || g_verify_fail || f1 == f0) ? 4 : 0;
}
