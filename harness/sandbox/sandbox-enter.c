/*
 * One run inside a resident slot sandbox (see ./resident-slot.ts). The slot's bubblewrap already
 * built the user, network and UTS namespaces, the read-only root and the uid drop once; this
 * small program gives each run what must be its own: fresh mount, PID and IPC namespaces, fresh
 * sized tmpfs for /box, /tmp and /dev/shm, the run's files bound read-only, its own /proc, the
 * slot's cgroup, rlimits, no capabilities and the seccomp filter. It is C because it is started
 * once per sample: a fork of a Python or Node process costs more here than a whole run of it.
 *
 *   sandbox-enter [--status-fd N] [--seccomp-fd N] [--cgroup-fd N]... [--limit RES SOFT HARD]...
 *                 [--remount-ro DIR]... [--tmpfs PATH BYTES MODE]... [--hide DIR]... [--bind SRC DST]...
 *                 [--setenv NAME VALUE]...
 *                 [--chdir DIR] -- FILE ARGV0 ARGS...
 *
 * Status lines on --status-fd are those of bwrap's --json-status-fd: {"child-pid": N} once the
 * program was exec'd, then {"exit-code": N}. A setup failure writes neither, so a caller can tell
 * it from a program that failed. SIGTERM to this process kills the run: it SIGKILLs the namespace's
 * init and exits only once the kernel has taken the whole namespace down. --hide covers a folder with an empty read-only tmpfs, after the
 * binds: the slot shows both turns' files and every tool's folders, and a run sees only its own. This process waits for the namespace's init and exits as it did.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ITEMS 64
#define SETUP_FAILED 120

struct limit { int resource; rlim_t soft, hard; };
struct tmpfs { const char *path, *bytes, *mode; };
struct bind { const char *src, *dst; };

static int status_fd = -1, seccomp_fd = -1;
static int cgroup_fds[MAX_ITEMS], n_cgroups;
static struct limit limits[MAX_ITEMS];
static int n_limits;
static struct tmpfs tmpfses[MAX_ITEMS];
static int n_tmpfs;
static struct bind binds[MAX_ITEMS];
static int n_binds;
static const char *hidden[MAX_ITEMS];
static int n_hidden;
static const char *readonly[MAX_ITEMS];
static int n_readonly;
static char *env[MAX_ITEMS + 1];
static int n_env;
static const char *workdir = "/";
static volatile pid_t init_pid;

static void fail(const char *what, const char *detail) {
  dprintf(2, "codebench-enter: %s%s%s: %s\n", what, detail ? " " : "", detail ? detail : "", strerror(errno));
  _exit(SETUP_FAILED);
}

static void usage(const char *what) {
  dprintf(2, "codebench-enter: bad arguments: %s\n", what);
  _exit(SETUP_FAILED);
}

static int resource_named(const char *name) {
  static const struct { const char *name; int resource; } names[] = {
    {"cpu", RLIMIT_CPU}, {"fsize", RLIMIT_FSIZE}, {"nofile", RLIMIT_NOFILE}, {"core", RLIMIT_CORE},
    {"nproc", RLIMIT_NPROC}, {"as", RLIMIT_AS},
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(names[i].name, name) == 0) return names[i].resource;
  usage(name);
  return -1;
}

static int parse(int argc, char **argv) {
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    int left = argc - i - 1;
    if (strcmp(a, "--") == 0) return i + 1;
    if (n_cgroups >= MAX_ITEMS || n_limits >= MAX_ITEMS || n_tmpfs >= MAX_ITEMS || n_binds >= MAX_ITEMS || n_env >= MAX_ITEMS || n_hidden >= MAX_ITEMS || n_readonly >= MAX_ITEMS) usage("too many items");
    if (strcmp(a, "--status-fd") == 0 && left >= 1) status_fd = atoi(argv[++i]);
    else if (strcmp(a, "--seccomp-fd") == 0 && left >= 1) seccomp_fd = atoi(argv[++i]);
    else if (strcmp(a, "--cgroup-fd") == 0 && left >= 1) cgroup_fds[n_cgroups++] = atoi(argv[++i]);
    else if (strcmp(a, "--chdir") == 0 && left >= 1) workdir = argv[++i];
    else if (strcmp(a, "--hide") == 0 && left >= 1) hidden[n_hidden++] = argv[++i];
    else if (strcmp(a, "--remount-ro") == 0 && left >= 1) readonly[n_readonly++] = argv[++i];
    else if (strcmp(a, "--limit") == 0 && left >= 3) {
      limits[n_limits++] = (struct limit){resource_named(argv[i + 1]), strtoull(argv[i + 2], NULL, 10), strtoull(argv[i + 3], NULL, 10)};
      i += 3;
    } else if (strcmp(a, "--tmpfs") == 0 && left >= 3) {
      tmpfses[n_tmpfs++] = (struct tmpfs){argv[i + 1], argv[i + 2], argv[i + 3]};
      i += 3;
    } else if (strcmp(a, "--bind") == 0 && left >= 2) {
      binds[n_binds++] = (struct bind){argv[i + 1], argv[i + 2]};
      i += 2;
    } else if (strcmp(a, "--setenv") == 0 && left >= 2) {
      if (asprintf(&env[n_env++], "%s=%s", argv[i + 1], argv[i + 2]) < 0) fail("asprintf", NULL);
      i += 2;
    } else usage(a);
  }
  usage("no -- before the program");
  return -1;
}

static void make_parents(char *path) {
  for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
    *p = '\0';
    if (mkdir(path, 0755) != 0 && errno != EEXIST) fail("mkdir", path);
    *p = '/';
  }
}

/* The run's own mount namespace: fresh tmpfs, and its files bound read-only. */
static void build_mounts(void) {
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail("make / private", NULL);
  /* The slot's own writable folders (bwrap's /dev) are shared by its runs: read-only for each. */
  for (int i = 0; i < n_readonly; i++)
    if (mount(NULL, readonly[i], NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) != 0) fail("make read-only", readonly[i]);
  for (int i = 0; i < n_tmpfs; i++) {
    char data[96];
    snprintf(data, sizeof data, "size=%s,mode=%s", tmpfses[i].bytes, tmpfses[i].mode);
    if (mount("tmpfs", tmpfses[i].path, "tmpfs", MS_NOSUID | MS_NODEV, data) != 0) fail("mount tmpfs on", tmpfses[i].path);
  }
  for (int i = 0; i < n_binds; i++) {
    char *dst = strdup(binds[i].dst);
    make_parents(dst);
    int fd = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) fail("create", dst);
    close(fd);
    if (mount(binds[i].src, dst, NULL, MS_BIND, NULL) != 0) fail("bind", binds[i].src);
    if (mount(NULL, dst, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) != 0) fail("make read-only", dst);
    free(dst);
  }
  /* Last: the binds above came from folders hidden here (the slot's turn folders). */
  for (int i = 0; i < n_hidden; i++)
    if (mount("tmpfs", hidden[i], "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0555") != 0) fail("hide", hidden[i]);
}

static struct sock_fprog read_filter(void) {
  struct sock_fprog prog = {0, NULL};
  if (seccomp_fd < 0) return prog;
  size_t size = 0, cap = 4096;
  char *buf = malloc(cap);
  for (ssize_t n; (n = read(seccomp_fd, buf + size, cap - size)) != 0;) {
    if (n < 0) fail("read the seccomp filter", NULL);
    size += (size_t)n;
    if (size == cap && !(buf = realloc(buf, cap *= 2))) fail("realloc", NULL);
  }
  close(seccomp_fd);
  if (size == 0 || size % sizeof(struct sock_filter) != 0) usage("seccomp filter size");
  prog.len = (unsigned short)(size / sizeof(struct sock_filter));
  prog.filter = (struct sock_filter *)buf;
  return prog;
}

static void drop_everything(void) {
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) fail("clear ambient capabilities", NULL);
  for (int cap = 0; cap <= 63; cap++)
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno == EINVAL) break;
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  memset(data, 0, sizeof data);
  if (syscall(SYS_capset, &header, data) != 0) fail("drop capabilities", NULL);
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("set no_new_privs", NULL);
}

/* The program's own process: joins the cgroups, takes its limits, loses every privilege, execs. */
static void become_program(char **argv, struct sock_fprog filter, int report_fd) {
  for (int i = 0; i < n_cgroups; i++) {
    if (write(cgroup_fds[i], "0", 1) != 1) fail("join the cgroup", NULL);
    close(cgroup_fds[i]);
  }
  if (status_fd >= 0) close(status_fd);
  /* Its own process group, in the session of the slot's sandbox: that session has no terminal to
   * reach, and a new session per run would be a new scheduler autogroup, which shares the CPU with
   * codebench on equal terms whatever its nice value (the slot's autogroup is niced once instead). */
  if (setpgid(0, 0) != 0) fail("setpgid", NULL);
  if (chdir(workdir) != 0) fail("chdir", workdir);
  for (int i = 0; i < n_limits; i++) {
    struct rlimit r = {limits[i].soft, limits[i].hard};
    if (setrlimit(limits[i].resource, &r) != 0) fail("setrlimit", NULL);
  }
  drop_everything();
  if (filter.len > 0 && prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter) != 0) fail("load the seccomp filter", NULL);
  for (int fd = 3; fd < 1024; fd++)
    if (fd != report_fd) close(fd);
  execve(argv[0], argv + 1, env);
  int error = errno;
  if (write(report_fd, &error, sizeof error) < 0) _exit(SETUP_FAILED);
  _exit(SETUP_FAILED);
}

static int exit_code(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* PID 1 of the run's namespace: reaps everything, reports the program's exit, and by exiting
 * takes whatever the program left behind down with the namespace. */
static void on_term(int signal) {
  (void)signal;
  if (init_pid > 0) kill(init_pid, SIGKILL);
}

static void be_init(char **argv, struct sock_fprog filter, sigset_t *unblocked) {
  /* The program could signal its PID 1; it must find no handler here. */
  signal(SIGTERM, SIG_DFL);
  sigprocmask(SIG_SETMASK, unblocked, NULL);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  /* Not dumpable: the program runs as the same uid and must not reach this process's memory. */
  prctl(PR_SET_DUMPABLE, 0);
  if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) fail("mount /proc", NULL);
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) fail("pipe", NULL);
  pid_t child = fork();
  if (child < 0) fail("fork", NULL);
  if (child == 0) {
    close(report[0]);
    become_program(argv, filter, report[1]);
  }
  close(report[1]);
  for (int i = 0; i < n_cgroups; i++) close(cgroup_fds[i]);
  int error = 0;
  ssize_t got;
  while ((got = read(report[0], &error, sizeof error)) < 0 && errno == EINTR) {}
  if (got > 0) {
    errno = error;
    waitpid(child, NULL, 0);
    fail("exec", argv[0]);
  }
  if (status_fd >= 0) dprintf(status_fd, "{ \"child-pid\": %d }\n", (int)child);
  int status = 0;
  for (;;) {
    pid_t done = wait(&status);
    if (done == child) break;
    if (done < 0 && errno != EINTR) fail("wait", NULL);
  }
  int code = exit_code(status);
  if (status_fd >= 0) dprintf(status_fd, "{ \"exit-code\": %d }\n", code);
  _exit(code);
}

int main(int argc, char **argv) {
  int first = parse(argc, argv);
  if (argc - first < 2) usage("no program");
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  struct sock_fprog filter = read_filter();
  if (unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC) != 0) fail("unshare", NULL);
  build_mounts();
  sigset_t term, unblocked;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigprocmask(SIG_BLOCK, &term, &unblocked);
  pid_t init = fork();
  if (init < 0) fail("fork", NULL);
  if (init == 0) be_init(argv + first, filter, &unblocked);
  init_pid = init;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_term;
  sigaction(SIGTERM, &action, NULL);
  sigprocmask(SIG_SETMASK, &unblocked, NULL);
  for (int i = 0; i < n_cgroups; i++) close(cgroup_fds[i]);
  if (status_fd >= 0) close(status_fd);
  int status;
  while (waitpid(init, &status, 0) < 0)
    if (errno != EINTR) fail("wait", NULL);
  return exit_code(status);
}
