/*
 * c_harness.c -- the C library's side of the rpc_vs_c benchmark.
 *
 * Opens ONE virConnectPtr and runs N pthreads calling
 * virConnectGetLibVersion on it in a loop. After a warm-up it measures for
 * a fixed time and prints one line of key=value pairs:
 *
 *   calls=  calls completed in the measured interval
 *   secs=   length of the measured interval (monotonic clock)
 *   user_us= sys_us=  CPU of this process in the interval (getrusage RUSAGE_SELF)
 *   maxrss_kib=  peak RSS of this process (ru_maxrss)
 *   anon_kib=  anonymous RSS at the end of the run (RssAnon of /proc/self/status):
 *              the part of RSS that is not shared library or executable pages
 *   ctx=    context switches of this process in the interval (ru_nvcsw + ru_nivcsw)
 *   daemon_ticks=  utime+stime of DAEMON_PID in the interval (clock ticks), -1 if unknown
 *   host_busy= host_total=  busy and total jiffies of the machine (/proc/stat) in the interval
 *   errors=  failed calls (the run is void if not 0)
 *
 * usage: c_harness URI THREADS SECONDS [WARMUP_SECONDS [DAEMON_PID]]
 *
 * Built by the rpc_vs_c bench (or scripts/bench.sh) with
 *   gcc -O2 -pthread c_harness.c -o c_harness $(pkg-config --cflags --libs libvirt)
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

struct worker {
    _Alignas(64) atomic_ulong calls;
    atomic_ulong errors;
    pthread_t thread;
};

static virConnectPtr conn;
static atomic_int stop;

static void *run(void *arg)
{
    struct worker *w = arg;
    unsigned long version;
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        if (virConnectGetLibVersion(conn, &version) < 0)
            atomic_fetch_add_explicit(&w->errors, 1, memory_order_relaxed);
        else
            atomic_fetch_add_explicit(&w->calls, 1, memory_order_relaxed);
    }
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct snap {
    double t;
    long long user_us, sys_us, ctx;
    unsigned long long host_busy, host_total;
    long long daemon_ticks;
    unsigned long calls, errors;
};

/* utime+stime (fields 14 and 15) of /proc/PID/stat, or -1. */
static long long proc_ticks(long pid)
{
    char path[64], buf[4096];
    if (pid <= 0)
        return -1;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')'); /* the command name may contain spaces */
    if (!p)
        return -1;
    unsigned long long ut, st;
    /* after ')': state(3) ppid pgrp session tty tpgid flags minflt cminflt
       majflt cmajflt utime(14) stime(15) */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
        return -1;
    return (long long)(ut + st);
}

/* busy and total jiffies of all CPUs, from the first line of /proc/stat. */
static void host_ticks(unsigned long long *busy, unsigned long long *total)
{
    unsigned long long v[8] = {0};
    *busy = *total = 0;
    FILE *f = fopen("/proc/stat", "r");
    if (!f)
        return;
    int n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu",
                   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
    fclose(f);
    if (n != 8)
        return;
    for (int i = 0; i < 8; i++)
        *total += v[i];
    *busy = *total - v[3] - v[4]; /* minus idle and iowait */
}

static void snapshot(struct snap *s, struct worker *w, int n, long daemon)
{
    struct rusage ru;
    s->calls = s->errors = 0;
    for (int i = 0; i < n; i++) {
        s->calls += atomic_load_explicit(&w[i].calls, memory_order_relaxed);
        s->errors += atomic_load_explicit(&w[i].errors, memory_order_relaxed);
    }
    getrusage(RUSAGE_SELF, &ru);
    s->user_us = ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec;
    s->sys_us = ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec;
    s->ctx = ru.ru_nvcsw + ru.ru_nivcsw;
    host_ticks(&s->host_busy, &s->host_total);
    s->daemon_ticks = proc_ticks(daemon);
    s->t = now();
}

/* RssAnon of /proc/self/status in KiB, or -1. */
static long anon_kib(void)
{
    char line[256];
    long v = -1;
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "RssAnon: %ld", &v) == 1)
            break;
    fclose(f);
    return v;
}

static void sleep_secs(double secs)
{
    struct timespec ts;
    ts.tv_sec = (time_t)secs;
    ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
    while (nanosleep(&ts, &ts) != 0)
        ;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s URI THREADS SECONDS [WARMUP_SECONDS [DAEMON_PID]]\n", argv[0]);
        return 2;
    }
    const char *uri = argv[1];
    int n = atoi(argv[2]);
    double secs = atof(argv[3]);
    double warmup = argc > 4 ? atof(argv[4]) : 0.5;
    long daemon = argc > 5 ? atol(argv[5]) : 0;
    if (n < 1 || secs <= 0) {
        fprintf(stderr, "c_harness: bad THREADS or SECONDS\n");
        return 2;
    }

    conn = virConnectOpen(uri);
    if (!conn) {
        virErrorPtr e = virGetLastError();
        fprintf(stderr, "c_harness: virConnectOpen(%s): %s\n", uri, e && e->message ? e->message : "failed");
        return 1;
    }

    struct worker *w = aligned_alloc(64, sizeof *w * (size_t)n);
    if (!w)
        return 1;
    memset(w, 0, sizeof *w * (size_t)n);
    for (int i = 0; i < n; i++) {
        if (pthread_create(&w[i].thread, NULL, run, &w[i]) != 0) {
            fprintf(stderr, "c_harness: pthread_create failed\n");
            return 1;
        }
    }

    struct snap a, b;
    sleep_secs(warmup);
    snapshot(&a, w, n, daemon);
    sleep_secs(secs);
    snapshot(&b, w, n, daemon);
    long anon = anon_kib();

    atomic_store(&stop, 1);
    for (int i = 0; i < n; i++)
        pthread_join(w[i].thread, NULL);

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("calls=%lu secs=%.6f user_us=%lld sys_us=%lld ctx=%lld maxrss_kib=%ld anon_kib=%ld daemon_ticks=%lld "
           "host_busy=%llu host_total=%llu errors=%lu\n",
           b.calls - a.calls, b.t - a.t, b.user_us - a.user_us, b.sys_us - a.sys_us,
           b.ctx - a.ctx, ru.ru_maxrss, anon,
           (a.daemon_ticks < 0 || b.daemon_ticks < 0) ? -1 : b.daemon_ticks - a.daemon_ticks,
           b.host_busy - a.host_busy, b.host_total - a.host_total, b.errors - a.errors);
    fflush(stdout);
    virConnectClose(conn);
    free(w);
    return b.errors != a.errors;
}
