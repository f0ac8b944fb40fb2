/* The state directory: the checkpoint before kept while a Kafka
 * transaction is open, going back to it (and before the first), the
 * transactional id made once and kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "partition_files.h"
#include "state_file.h"
#include "src/runtime/mem.h"
#include "src/test.h"

static char dir[512];

static bool make_dir(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/eddy-state-test-XXXXXX", t && *t ? t : P_tmpdir);
    return mkdtemp(dir) != NULL;
}

static void remove_dir(void)
{
    static const char *const names[] = {"checkpoint", "checkpoint.prev", "id"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char p[600];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

static bool put(const char *text, bool keep_prev)
{
    char why[300];
    Buf b = {0};
    buf_puts(&b, text);
    bool ok = io_state_write(dir, &b, keep_prev, why, sizeof why);
    buf_free(&b);
    return ok;
}

/* The payload of the checkpoint (prev: of checkpoint.prev) as a string, "-" when there is none. */
static const char *get(bool prev)
{
    static char out[400];
    char why[300];
    size_t len;
    unsigned version = 0;
    char *p = prev ? io_state_read_prev(dir, &len, &version, why, sizeof why) : io_state_read(dir, &len, &version, why, sizeof why);
    snprintf(out, sizeof out, "%s", p ? "" : why[0] ? why : "-");
    if (p) snprintf(out, sizeof out, "%.*s", (int)len, p);
    if (p && version != STATE_FORMAT_VERSION) snprintf(out, sizeof out, "version %u", version);
    mem_free(p);
    return out;
}

static void test_keep_and_go_back(void)
{
    char why[300];
    CU_ASSERT_FATAL(make_dir());
    CU_ASSERT(put("one", true));   /* the first: there is none to keep */
    CU_ASSERT_STRING_EQUAL(get(false), "one");
    CU_ASSERT_STRING_EQUAL(get(true), "-");
    CU_ASSERT(put("two", true));
    CU_ASSERT(put("three", true));
    CU_ASSERT_STRING_EQUAL(get(false), "three");
    CU_ASSERT_STRING_EQUAL(get(true), "two");
    CU_ASSERT(put("four", false));   /* no transaction: the one before stays as it was */
    CU_ASSERT_STRING_EQUAL(get(true), "two");
    CU_ASSERT(io_state_go_back(dir, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(get(false), "two");
    CU_ASSERT_STRING_EQUAL(get(true), "-");
    /* back before the first checkpoint: none is left, the run starts over */
    CU_ASSERT(io_state_go_back(dir, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(get(false), "-");
    CU_ASSERT(put("five", true));
    CU_ASSERT(put("six", true));
    CU_ASSERT(io_state_remove(dir, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(get(false), "-");
    CU_ASSERT_STRING_EQUAL(get(true), "-");
    remove_dir();
}

static void test_id_file(void)
{
    char why[300], id[64];
    CU_ASSERT_FATAL(make_dir());
    CU_ASSERT(io_state_id_file(dir, "id", "eddy-a-1", id, sizeof id, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(id, "eddy-a-1");
    CU_ASSERT(io_state_id_file(dir, "id", "eddy-a-2", id, sizeof id, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(id, "eddy-a-1");   /* made once, then kept */
    char p[600];
    snprintf(p, sizeof p, "%s/id", dir);
    FILE *f = fopen(p, "w");
    if (f) fclose(f);
    CU_ASSERT(!io_state_id_file(dir, "id", "eddy-a-3", id, sizeof id, why, sizeof why));   /* emptied: said, not replaced */
    CU_ASSERT(strstr(why, "is empty") != NULL);
    remove_dir();
}

static Buf text(const char *t)
{
    Buf b = {0};
    buf_puts(&b, t);
    return b;
}

/* Generations named by link: the newest wins, a name taken is said (0),
 * the one two before goes, pending files are found by generation and
 * owner, and those up to the newest are tidied away. */
static void test_partition_files(void)
{
    char why[300];
    CU_ASSERT_FATAL(make_dir());
    CU_ASSERT(io_part_newest(dir, "t.x", 3, why, sizeof why) == 0);
    Buf one = text("one"), two = text("two"), three = text("three"), other = text("other");
    CU_ASSERT(io_part_write_pending(dir, "t.x", 3, 1, "a", &one, why, sizeof why));
    CU_ASSERT(io_part_newest(dir, "t.x", 3, why, sizeof why) == 0);   /* pending: not the partition's state yet */
    char owners[4][128];
    CU_ASSERT(io_part_pending(dir, "t.x", 3, 1, owners, 4) == 1 && !strcmp(owners[0], "a"));
    CU_ASSERT(io_part_pending(dir, "t.x", 3, 2, owners, 4) == 0);
    CU_ASSERT(io_part_promote(dir, "t.x", 3, 1, "a", why, sizeof why) == 1);
    CU_ASSERT(io_part_newest(dir, "t.x", 3, why, sizeof why) == 1);
    CU_ASSERT(io_part_newest(dir, "t.x", 30, why, sizeof why) == 0);   /* another partition's prefix is not this one's */
    /* two writers of generation 2: the second to name it learns it lost the partition */
    CU_ASSERT(io_part_write_pending(dir, "t.x", 3, 2, "a", &two, why, sizeof why));
    CU_ASSERT(io_part_write_pending(dir, "t.x", 3, 2, "b", &other, why, sizeof why));
    CU_ASSERT(io_part_pending(dir, "t.x", 3, 2, owners, 4) == 2);
    CU_ASSERT(io_part_promote(dir, "t.x", 3, 2, "b", why, sizeof why) == 1);
    CU_ASSERT(io_part_promote(dir, "t.x", 3, 2, "a", why, sizeof why) == 0);
    size_t len;
    char *p = io_part_read(dir, "t.x", 3, 2, &len, why, sizeof why);
    CU_ASSERT(p && len == 5 && !memcmp(p, "other", 5));
    mem_free(p);
    CU_ASSERT(io_part_pending(dir, "t.x", 3, 2, owners, 4) == 0);   /* both pending names are gone */
    CU_ASSERT(io_part_write_pending(dir, "t.x", 3, 3, "b", &three, why, sizeof why));
    CU_ASSERT(io_part_promote(dir, "t.x", 3, 3, "b", why, sizeof why) == 1);
    CU_ASSERT(io_part_read(dir, "t.x", 3, 1, &len, why, sizeof why) == NULL);   /* two before: gone */
    p = io_part_read(dir, "t.x", 3, 2, &len, why, sizeof why);   /* one before: kept for a reader */
    CU_ASSERT(p != NULL);
    mem_free(p);
    p = io_part_read_pending(dir, "t.x", 3, 9, "c", &len, why, sizeof why);
    CU_ASSERT(p == NULL);
    CU_ASSERT(io_part_write_pending(dir, "t.x", 3, 3, "c", &one, why, sizeof why));
    CU_ASSERT(io_part_write_pending(dir, "t.x", 3, 4, "c", &one, why, sizeof why));
    io_part_tidy(dir, "t.x", 3, 3);
    CU_ASSERT(io_part_pending(dir, "t.x", 3, 3, owners, 4) == 0);
    CU_ASSERT(io_part_pending(dir, "t.x", 3, 4, owners, 4) == 1);
    io_part_drop_pending(dir, "t.x", 3, 4, "c");
    CU_ASSERT(io_part_pending(dir, "t.x", 3, 4, owners, 4) == 0);
    buf_free(&one), buf_free(&two), buf_free(&three), buf_free(&other);
    for (int g = 1; g <= 3; g++) {
        char n[600];
        snprintf(n, sizeof n, "%s/t.x.3.%d", dir, g);
        unlink(n);
    }
    remove_dir();
}

void state_file_tests(void)
{
    static const TestCase cases[] = {{"checkpoint.prev kept and gone back to", test_keep_and_go_back},
                                     {"the transactional id file", test_id_file},
                                     {"partition state files by generation", test_partition_files},
                                     {NULL, NULL}};
    test_suite("state directory", cases);
}
