// The bare C baseline of `bench finetune`: the same llama.cpp training calls SlmRag makes, on the same token
// windows, without SlmRag's loss mask. Built by the benchmark with cc against node-llama-cpp 3.22.1's headers
// and libraries.
// Usage: train LIBDIR MODEL WINDOWS.bin THREADS EPOCHS [ADAPTER COUNT]
// WINDOWS.bin: int32 n_ctx, int32 count, then count windows of n_ctx tokens and count windows of n_ctx labels.
// Prints: tokens_per_second peak_rss_kb final_loss
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include "llama.h"
#include "ggml-backend.h"
#include "ggml-opt.h"

static void quiet(enum ggml_log_level level, const char * text, void * data) { (void) level; (void) text; (void) data; }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char ** argv) {
    if (argc < 6) { fprintf(stderr, "usage: train LIBDIR MODEL WINDOWS THREADS EPOCHS [ADAPTER COUNT]\n"); return 2; }
    llama_log_set(quiet, NULL);
    ggml_backend_load_all_from_path(argv[1]);
    llama_backend_init();
    FILE * f = fopen(argv[3], "rb");
    int32_t n_ctx = 0, count = 0;
    if (!f || fread(&n_ctx, 4, 1, f) != 1 || fread(&count, 4, 1, f) != 1) { fprintf(stderr, "bad windows file\n"); return 2; }
    int32_t * tokens = malloc(sizeof(int32_t) * n_ctx * count);
    int32_t * labels = malloc(sizeof(int32_t) * n_ctx * count);
    if (fread(tokens, 4, (size_t) n_ctx * count, f) != (size_t) n_ctx * count || fread(labels, 4, (size_t) n_ctx * count, f) != (size_t) n_ctx * count) {
        fprintf(stderr, "short windows file\n");
        return 2;
    }
    fclose(f);

    struct llama_model_params mp = llama_model_default_params();
    mp.n_gpu_layers = 0;
    mp.load_mode = LLAMA_LOAD_MODE_NONE;
    struct llama_model * model = llama_model_load_from_file(argv[2], mp);
    if (!model) { fprintf(stderr, "model load failed\n"); return 1; }
    if (argc >= 8) {
        for (int i = 0; i < atoi(argv[7]); i++) {
            if (!llama_adapter_lora_init(model, argv[6])) { fprintf(stderr, "adapter load failed\n"); return 1; }
        }
    }

    struct llama_context_params cp = llama_context_default_params();
    cp.n_ctx = cp.n_batch = cp.n_ubatch = n_ctx;
    cp.n_seq_max = 1;
    cp.n_threads = cp.n_threads_batch = atoi(argv[4]);
    cp.type_k = cp.type_v = GGML_TYPE_F32;
    cp.flash_attn_type = LLAMA_FLASH_ATTN_TYPE_DISABLED;
    struct llama_context * ctx = llama_init_from_model(model, cp);
    if (!ctx) { fprintf(stderr, "context failed\n"); return 1; }

    // llama.cpp applies n_threads to its CPU backend only when a decode computes a graph; llama_opt_epoch never
    // does, so without this decode training runs on ggml's default thread count (4), which on a small busy machine
    // is many times slower. SlmRag makes the same one-token decode (it also installs its loss-mask callback).
    // NO_WARMUP=1 leaves it out, as llama.cpp's own finetune example does.
    if (!getenv("NO_WARMUP")) {
        llama_batch one = llama_batch_get_one(tokens, 1);
        if (llama_decode(ctx, one) != 0) { fprintf(stderr, "warm-up decode failed\n"); return 1; }
        llama_memory_clear(llama_get_memory(ctx), true);
    }

    ggml_opt_dataset_t dataset = ggml_opt_dataset_init(GGML_TYPE_I32, GGML_TYPE_I32, n_ctx, n_ctx, count, 1);
    memcpy(ggml_get_data(ggml_opt_dataset_data(dataset)), tokens, sizeof(int32_t) * n_ctx * count);
    memcpy(ggml_get_data(ggml_opt_dataset_labels(dataset)), labels, sizeof(int32_t) * n_ctx * count);

    struct ggml_opt_optimizer_params op = ggml_opt_get_default_optimizer_params(NULL);
    op.adamw.alpha = 1e-4f;
    struct llama_opt_params lp = { 0, llama_opt_param_filter_all, NULL, ggml_opt_get_constant_optimizer_params, &op, GGML_OPT_OPTIMIZER_TYPE_ADAMW };
    llama_opt_init(ctx, model, lp);

    ggml_opt_result_t result = ggml_opt_result_init();
    double loss = 0, seconds = 0;
    int epochs = atoi(argv[5]);
    for (int epoch = 0; epoch < epochs; epoch++) {
        double start = now();
        llama_opt_epoch(ctx, dataset, result, NULL, count, NULL, NULL);
        // The first epoch allocates the graphs; SlmRag's figure is also its last epoch's.
        seconds = now() - start;
        ggml_opt_result_loss(result, &loss, NULL);
        ggml_opt_result_reset(result);
    }

    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("%.3f %ld %.4f\n", (double) n_ctx * count / seconds, usage.ru_maxrss, loss);
    ggml_opt_result_free(result);
    ggml_opt_dataset_free(dataset);
    llama_free(ctx);
    llama_model_free(model);
    return 0;
}
