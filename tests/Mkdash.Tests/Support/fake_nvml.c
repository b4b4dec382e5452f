/*
 * A stand-in for libnvidia-ml.so.1, compiled by the tests (FakeNvml.cs) and loaded by mkdash's real NVML
 * code. It answers the calls mkdash makes from a script, fake-nvml.txt in the library's own folder, read at
 * nvmlInit_v2 and again whenever the file changes. One key=value per line; '#' starts a comment:
 *
 *   init=18                      nvmlInit_v2 answers this code (18: driver/library version mismatch)
 *   count=2                      GPUs
 *   calls=/path/to/log           append "init" and "handle <i>" lines there (to count them)
 *   gpu0.name=NVIDIA H200        also uuid, bus (a PCI bus id)
 *   gpu0.util=86                 also memutil, temp (percent, percent, degrees C)
 *   gpu0.memused_mib=17253       also memtotal_mib
 *   gpu0.power_mw=363520         also limit_mw
 *   gpu0.procs=4242:17000,77:-   pid:MiB pairs ("-": the driver cannot say)
 *   gpu0.error.power=3           that call answers this code (3: not supported); the field names are
 *                                name, uuid, pci, util, memory, temp, power, limit, procs
 *   gpu1.lost=15                 every call on that GPU answers this code (15: GPU is lost)
 *   gpu1.handle_error=15         nvmlDeviceGetHandleByIndex_v2 answers this code for it
 *   gpu0.sleep_ms=3000           the utilization call takes this long (a hung driver)
 *
 * Built with -DOLD_DRIVER it has what drivers before 2019 export instead of the newer calls:
 * nvmlDeviceGetPciInfo_v2 and the first nvmlDeviceGetComputeRunningProcesses (16-byte entries).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_ENTRIES 256
#define NOT_AVAILABLE 0xFFFFFFFFFFFFFFFFULL

enum {
    SUCCESS = 0, UNINITIALIZED = 1, INVALID_ARGUMENT = 2, NOT_SUPPORTED = 3, INSUFFICIENT_SIZE = 7,
};

typedef struct nvmlDevice_st *nvmlDevice_t;
typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;
typedef struct { unsigned long long total; unsigned long long free; unsigned long long used; } nvmlMemory_t;
typedef struct {
    char busIdLegacy[16];
    unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
    char busId[32];
} nvmlPciInfo_t;
#ifdef OLD_DRIVER
typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
} nvmlProcessInfo_t;
#define PCI_INFO nvmlDeviceGetPciInfo_v2
#define RUNNING_PROCESSES nvmlDeviceGetComputeRunningProcesses
#else
typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId, computeInstanceId;
} nvmlProcessInfo_t;
#define PCI_INFO nvmlDeviceGetPciInfo_v3
#define RUNNING_PROCESSES nvmlDeviceGetComputeRunningProcesses_v3
#endif

typedef struct { char key[64]; char value[448]; } entry_t;

static entry_t entries[MAX_ENTRIES];
static int entry_count;
static char script[PATH_MAX];
static struct stat seen;
static int initialized;

static void locate(void)
{
    Dl_info info;
    if (script[0] != 0 || !dladdr((void *)&locate, &info) || info.dli_fname == NULL) {
        return;
    }

    snprintf(script, sizeof script, "%s", info.dli_fname);
    char *slash = strrchr(script, '/');
    size_t keep = slash == NULL ? 0 : (size_t)(slash - script) + 1;
    snprintf(script + keep, sizeof script - keep, "%s", "fake-nvml.txt");
}

static void load(void)
{
    struct stat now;
    locate();
    if (stat(script, &now) != 0) {
        entry_count = 0;
        return;
    }

    if (now.st_size == seen.st_size && now.st_mtim.tv_sec == seen.st_mtim.tv_sec
        && now.st_mtim.tv_nsec == seen.st_mtim.tv_nsec && now.st_ino == seen.st_ino) {
        return;
    }

    FILE *file = fopen(script, "r");
    if (file == NULL) {
        return;
    }

    seen = now;
    entry_count = 0;
    char line[512];
    while (entry_count < MAX_ENTRIES && fgets(line, sizeof line, file) != NULL) {
        line[strcspn(line, "\r\n")] = 0;
        char *equals = strchr(line, '=');
        if (line[0] == '#' || equals == NULL) {
            continue;
        }

        *equals = 0;
        snprintf(entries[entry_count].key, sizeof entries[entry_count].key, "%.63s", line);
        snprintf(entries[entry_count].value, sizeof entries[entry_count].value, "%.447s", equals + 1);
        entry_count++;
    }

    fclose(file);
}

static const char *text(int gpu, const char *field)
{
    char key[64];
    if (gpu < 0) {
        snprintf(key, sizeof key, "%s", field);
    } else {
        snprintf(key, sizeof key, "gpu%d.%s", gpu, field);
    }

    for (int i = 0; i < entry_count; i++) {
        if (strcmp(entries[i].key, key) == 0) {
            return entries[i].value;
        }
    }

    return NULL;
}

static long long number(int gpu, const char *field, long long fallback)
{
    const char *value = text(gpu, field);
    return value == NULL ? fallback : strtoll(value, NULL, 10);
}

static void note(const char *what, int index)
{
    const char *path = text(-1, "calls");
    FILE *file = path == NULL ? NULL : fopen(path, "a");
    if (file != NULL) {
        fprintf(file, index < 0 ? "%s\n" : "%s %d\n", what, index);
        fclose(file);
    }
}

static int gpu_of(nvmlDevice_t device)
{
    return (int)(intptr_t)device - 1;
}

/* What a call about one field of one GPU answers before it looks at the value. */
static int check(nvmlDevice_t device, const char *field)
{
    int gpu = gpu_of(device);
    if (!initialized) {
        return UNINITIALIZED;
    }

    if (gpu < 0 || gpu >= number(-1, "count", 0)) {
        return INVALID_ARGUMENT;
    }

    int lost = (int)number(gpu, "lost", 0);
    if (lost != 0) {
        return lost;
    }

    char key[64];
    snprintf(key, sizeof key, "error.%s", field);
    return (int)number(gpu, key, 0);
}

static int copy_text(nvmlDevice_t device, const char *field, char *into, unsigned int length)
{
    int code = check(device, field);
    const char *value = code == SUCCESS ? text(gpu_of(device), field) : NULL;
    if (code != SUCCESS) {
        return code;
    }

    if (value == NULL) {
        return NOT_SUPPORTED;
    }

    if (strlen(value) + 1 > length) {
        return INSUFFICIENT_SIZE;
    }

    memcpy(into, value, strlen(value) + 1);
    return SUCCESS;
}

int nvmlInit_v2(void)
{
    load();
    note("init", -1);
    int code = (int)number(-1, "init", 0);
    initialized = code == SUCCESS;
    return code;
}

int nvmlShutdown(void)
{
    initialized = 0;
    return SUCCESS;
}

const char *nvmlErrorString(int code)
{
    switch (code) {
    case 0: return "Success";
    case 3: return "Not Supported";
    case 15: return "GPU is lost";
    case 18: return "Driver/library version mismatch";
    case 42: return "Fake error forty-two";
    default: return "Unknown Error";
    }
}

int nvmlDeviceGetCount_v2(unsigned int *count)
{
    if (!initialized) {
        return UNINITIALIZED;
    }

    load();
    *count = (unsigned int)number(-1, "count", 0);
    return SUCCESS;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device)
{
    if (!initialized) {
        return UNINITIALIZED;
    }

    note("handle", (int)index);
    if (index >= number(-1, "count", 0)) {
        return INVALID_ARGUMENT;
    }

    int code = (int)number((int)index, "handle_error", 0);
    if (code == SUCCESS) {
        *device = (nvmlDevice_t)(intptr_t)(index + 1);
    }

    return code;
}

int nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length)
{
    return copy_text(device, "name", name, length);
}

int nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length)
{
    return copy_text(device, "uuid", uuid, length);
}

int PCI_INFO(nvmlDevice_t device, nvmlPciInfo_t *pci)
{
    int code = check(device, "pci");
    const char *bus = text(gpu_of(device), "bus");
    if (code != SUCCESS || bus == NULL) {
        return code != SUCCESS ? code : NOT_SUPPORTED;
    }

    memset(pci, 0, sizeof *pci);
    snprintf(pci->busId, sizeof pci->busId, "%s", bus);
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "%s", bus);
    sscanf(bus, "%x:%x:%x", &pci->domain, &pci->bus, &pci->device);
    return SUCCESS;
}

int nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization)
{
    load();
    int code = check(device, "util");
    long long pause = number(gpu_of(device), "sleep_ms", 0);
    if (pause > 0) {
        struct timespec wait = { (time_t)(pause / 1000), (long)(pause % 1000) * 1000000L };
        nanosleep(&wait, NULL);
    }

    if (code == SUCCESS) {
        utilization->gpu = (unsigned int)number(gpu_of(device), "util", 0);
        utilization->memory = (unsigned int)number(gpu_of(device), "memutil", 0);
    }

    return code;
}

int nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory)
{
    int code = check(device, "memory");
    if (code == SUCCESS) {
        memory->total = (unsigned long long)number(gpu_of(device), "memtotal_mib", 0) << 20;
        memory->used = (unsigned long long)number(gpu_of(device), "memused_mib", 0) << 20;
        memory->free = memory->total - memory->used;
    }

    return code;
}

int nvmlDeviceGetTemperature(nvmlDevice_t device, int sensor, unsigned int *celsius)
{
    int code = sensor == 0 ? check(device, "temp") : INVALID_ARGUMENT;
    if (code == SUCCESS) {
        *celsius = (unsigned int)number(gpu_of(device), "temp", 0);
    }

    return code;
}

int nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *milliwatts)
{
    int code = check(device, "power");
    if (code == SUCCESS) {
        *milliwatts = (unsigned int)number(gpu_of(device), "power_mw", 0);
    }

    return code;
}

int nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *milliwatts)
{
    int code = check(device, "limit");
    if (code == SUCCESS) {
        *milliwatts = (unsigned int)number(gpu_of(device), "limit_mw", 0);
    }

    return code;
}

int RUNNING_PROCESSES(nvmlDevice_t device, unsigned int *count, nvmlProcessInfo_t *infos)
{
    int code = check(device, "procs");
    if (code != SUCCESS) {
        return code;
    }

    nvmlProcessInfo_t found[64];
    unsigned int n = 0;
    const char *list = text(gpu_of(device), "procs");
    while (list != NULL && *list != 0 && n < 64) {
        char *end;
        found[n].pid = (unsigned int)strtoul(list, &end, 10);
        found[n].usedGpuMemory = NOT_AVAILABLE;
        if (*end == ':') {
            end++;
            if (*end == '-') {
                end++;
            } else {
                found[n].usedGpuMemory = strtoull(end, &end, 10) << 20;
            }
        }

#ifndef OLD_DRIVER
        found[n].gpuInstanceId = found[n].computeInstanceId = 0xFFFFFFFFU;
#endif
        n++;
        list = *end == ',' ? end + 1 : NULL;
    }

    if (*count < n) {
        *count = n;
        return INSUFFICIENT_SIZE;
    }

    memcpy(infos, found, n * sizeof found[0]);
    *count = n;
    return SUCCESS;
}
