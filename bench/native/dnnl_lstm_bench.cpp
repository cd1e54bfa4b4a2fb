// seq4j's copy of ../shared/bench/peers/onednn/dnnl_lstm_bench.cpp (the C++ reference of bench/rnn.sh)
// with one addition: LAYOUT=tnc (default, the peer's time-major src/dst) or LAYOUT=ntc (batch-major,
// what seq4j's kernel uses), the inputs holding the same logical values in both, and a weights_iter
// gradient checksum. dnnl_lstm_gradcheck.cpp shows which layouts give right gradients.
//   LAYOUT=ntc OMP_NUM_THREADS=2 ./dnnl_lstm_bench uni 5 30
// oneDNN 2.x (Debian libdnnl-dev 2.6.3) LSTM layer benchmark: training (fwd_training + backward) and inference.
// Config (same as the DL4J/PyTorch benches): input 128, hidden 256, batch 32, seq 64, FP32, 1 layer.
// Build: g++ -O2 -std=c++17 -o dnnl_lstm_bench dnnl_lstm_bench.cpp -ldnnl -fopenmp
// Run:   OMP_NUM_THREADS=1 ./dnnl_lstm_bench [uni|bi] [warmup=5] [reps=20]
// The Debian build uses the OpenMP (libgomp) CPU runtime, so threads are set with OMP_NUM_THREADS.
// Training iteration = reorder user weights (ldigo) to fwd layout + lstm_forward(forward_training)
//   + reorder weights to bwd layout + zero diff weights + lstm_backward + reorder diff weights back to ldigo.
//   (Weights change every optimizer step, so a framework pays the weight reorders each iteration.)
// Inference iteration = lstm_forward(forward_inference) with weights reordered once beforehand.
#include <oneapi/dnnl/dnnl.hpp>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace dnnl;
using tag = memory::format_tag;
using dt = memory::data_type;
using clk = std::chrono::steady_clock;

static double ms_since(clk::time_point t0) {
    return std::chrono::duration<double, std::milli>(clk::now() - t0).count();
}
static void fill(memory &m, float lo, float hi, unsigned seed) {
    std::mt19937 g(seed);
    std::uniform_real_distribution<float> u(lo, hi);
    float *p = static_cast<float *>(m.get_data_handle());
    size_t n = m.get_desc().get_size() / sizeof(float);
    for (size_t i = 0; i < n; i++) p[i] = u(g);
}
static void zero(memory &m) { std::memset(m.get_data_handle(), 0, m.get_desc().get_size()); }
struct Stats {
    double med, min, mean;
};
static Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    double s = 0;
    for (double x : v) s += x;
    return {v[v.size() / 2], v.front(), s / v.size()};
}
// reorder src->dst if layouts differ; returns the memory to use
static memory maybe_reorder_mem(const engine &eng, const memory &user, const memory::desc &want) {
    if (user.get_desc() == want) return user;
    return memory(want, eng);
}

int main(int argc, char **argv) {
    std::string mode = argc > 1 ? argv[1] : "uni";
    int warm = argc > 2 ? atoi(argv[2]) : 5;
    int reps = argc > 3 ? atoi(argv[3]) : 20;
    const bool bi = mode == "bi";
    const memory::dim T = 64, N = 32, C = 128, H = 256, G = 4, L = 1, D = bi ? 2 : 1;
    const memory::dim DH = bi ? 2 * H : H;  // bidirectional_concat output width
    const rnn_direction dir = bi ? rnn_direction::bidirectional_concat : rnn_direction::unidirectional_left2right;

    const dnnl_version_t *v = dnnl_version();
    printf("CONFIG oneDNN %d.%d.%d cpu_runtime=%s omp_max_threads=%d mode=%s T=%ld N=%ld C=%ld H=%ld warmup=%d reps=%d\n",
           v->major, v->minor, v->patch, v->cpu_runtime == DNNL_RUNTIME_OMP ? "OpenMP" : "other",
           omp_get_max_threads(), bi ? "bidirectional_concat" : "unidirectional", (long)T, (long)N, (long)C,
           (long)H, warm, reps);

    engine eng(engine::kind::cpu, 0);
    stream s(eng);

    // user-side memories (plain layouts)
    const bool ntc = getenv("LAYOUT") && std::string(getenv("LAYOUT")) == "ntc";
    memory::desc src_md({T, N, C}, dt::f32, ntc ? tag::ntc : tag::tnc);
    memory::desc dst_md({T, N, DH}, dt::f32, ntc ? tag::ntc : tag::tnc);
    printf("LAYOUT src/dst %s\n", ntc ? "ntc" : "tnc");
    memory::desc wl_user_md({L, D, C, G, H}, dt::f32, tag::ldigo);
    memory::desc wi_user_md({L, D, H, G, H}, dt::f32, tag::ldigo);
    memory::desc b_md({L, D, G, H}, dt::f32, tag::ldgo);
    memory::desc wl_any({L, D, C, G, H}, dt::f32, tag::any);
    memory::desc wi_any({L, D, H, G, H}, dt::f32, tag::any);
    memory::desc zmd;  // zero md: src_iter/dst_iter default to zeros / not produced

    memory src(src_md, eng), dst(dst_md, eng), wl(wl_user_md, eng), wi(wi_user_md, eng), b(b_md, eng);
    memory diff_src(src_md, eng), diff_dst(dst_md, eng), dwl(wl_user_md, eng), dwi(wi_user_md, eng), db(b_md, eng);
    { memory::desc t1({T, N, C}, dt::f32, tag::tnc); memory tmp(t1, eng); fill(tmp, -1, 1, 1); stream s0(eng); reorder(tmp, src).execute(s0, tmp, src); s0.wait(); }
    fill(wl, -0.1f, 0.1f, 2);
    fill(wi, -0.1f, 0.1f, 3);
    fill(b, -0.1f, 0.1f, 4);
    { memory::desc t1({T, N, DH}, dt::f32, tag::tnc); memory tmp(t1, eng); fill(tmp, -1, 1, 5); stream s0(eng); reorder(tmp, diff_dst).execute(s0, tmp, diff_dst); s0.wait(); }

    // ---- forward training / backward primitive descs
    lstm_forward::desc fwd_tr_d(prop_kind::forward_training, dir, src_md, zmd, zmd, wl_any, wi_any, b_md, dst_md,
                                zmd, zmd);
    lstm_forward::primitive_desc fwd_tr_pd(fwd_tr_d, eng);
    lstm_backward::desc bwd_d(prop_kind::backward, dir, src_md, zmd, zmd, wl_any, wi_any, b_md, dst_md, zmd, zmd,
                              src_md, zmd, zmd, wl_any, wi_any, b_md, dst_md, zmd, zmd);
    lstm_backward::primitive_desc bwd_pd(bwd_d, eng, fwd_tr_pd);
    printf("IMPL fwd_training=%s backward=%s\n", fwd_tr_pd.impl_info_str(), bwd_pd.impl_info_str());

    memory wl_f = maybe_reorder_mem(eng, wl, fwd_tr_pd.weights_layer_desc());
    memory wi_f = maybe_reorder_mem(eng, wi, fwd_tr_pd.weights_iter_desc());
    memory wl_b = maybe_reorder_mem(eng, wl, bwd_pd.weights_layer_desc());
    memory wi_b = maybe_reorder_mem(eng, wi, bwd_pd.weights_iter_desc());
    memory dwl_b = maybe_reorder_mem(eng, dwl, bwd_pd.diff_weights_layer_desc());
    memory dwi_b = maybe_reorder_mem(eng, dwi, bwd_pd.diff_weights_iter_desc());
    memory ws(fwd_tr_pd.workspace_desc(), eng);
    printf("LAYOUT weights fwd=%s bwd=%s diff_w_bwd=%s (reorders: fwd %d/%d bwd %d/%d diffw %d/%d) workspace=%.1f MiB\n",
           wl_f.get_desc() == wl.get_desc() ? "ldigo" : "packed/other",
           wl_b.get_desc() == wl.get_desc() ? "ldigo" : "other",
           dwl_b.get_desc() == dwl.get_desc() ? "ldigo" : "other", wl_f.get(false) != wl.get(false),
           wi_f.get(false) != wi.get(false), wl_b.get(false) != wl.get(false), wi_b.get(false) != wi.get(false),
           dwl_b.get(false) != dwl.get(false), dwi_b.get(false) != dwi.get(false),
           fwd_tr_pd.workspace_desc().get_size() / 1048576.0);

    lstm_forward fwd_tr(fwd_tr_pd);
    lstm_backward bwd(bwd_pd);
    auto reo = [&](memory &a, memory &bm) {
        if (a.get(false) != bm.get(false)) reorder(a, bm).execute(s, a, bm);
    };
    // pre-create reorder primitives (as a framework with a primitive cache would)
    std::vector<std::pair<reorder, std::pair<memory, memory>>> reo_fw, reo_bw, reo_dw;
    auto add = [&](auto &vec, memory &a, memory &bm) {
        if (a.get(false) != bm.get(false)) vec.push_back({reorder(a, bm), {a, bm}});
    };
    add(reo_fw, wl, wl_f);
    add(reo_fw, wi, wi_f);
    add(reo_bw, wl, wl_b);
    add(reo_bw, wi, wi_b);
    add(reo_dw, dwl_b, dwl);
    add(reo_dw, dwi_b, dwi);
    (void)reo;

    std::vector<double> t_tot, t_rf, t_f, t_rb, t_b, t_rd;
    for (int it = 0; it < warm + reps; it++) {
        auto t0 = clk::now();
        for (auto &r : reo_fw) r.first.execute(s, r.second.first, r.second.second);
        s.wait();
        double a = ms_since(t0);
        auto t1 = clk::now();
        fwd_tr.execute(s, {{DNNL_ARG_SRC_LAYER, src},
                           {DNNL_ARG_WEIGHTS_LAYER, wl_f},
                           {DNNL_ARG_WEIGHTS_ITER, wi_f},
                           {DNNL_ARG_BIAS, b},
                           {DNNL_ARG_DST_LAYER, dst},
                           {DNNL_ARG_WORKSPACE, ws}});
        s.wait();
        double f = ms_since(t1);
        auto t2 = clk::now();
        for (auto &r : reo_bw) r.first.execute(s, r.second.first, r.second.second);
        s.wait();
        double rb = ms_since(t2);
        auto t3 = clk::now();
        zero(dwl_b);
        zero(dwi_b);
        zero(db);  // oneDNN accumulates into diff weights/bias
        bwd.execute(s, {{DNNL_ARG_SRC_LAYER, src},
                        {DNNL_ARG_WEIGHTS_LAYER, wl_b},
                        {DNNL_ARG_WEIGHTS_ITER, wi_b},
                        {DNNL_ARG_BIAS, b},
                        {DNNL_ARG_DST_LAYER, dst},
                        {DNNL_ARG_WORKSPACE, ws},
                        {DNNL_ARG_DIFF_SRC_LAYER, diff_src},
                        {DNNL_ARG_DIFF_WEIGHTS_LAYER, dwl_b},
                        {DNNL_ARG_DIFF_WEIGHTS_ITER, dwi_b},
                        {DNNL_ARG_DIFF_BIAS, db},
                        {DNNL_ARG_DIFF_DST_LAYER, diff_dst}});
        s.wait();
        double bb = ms_since(t3);
        auto t4 = clk::now();
        for (auto &r : reo_dw) r.first.execute(s, r.second.first, r.second.second);
        s.wait();
        double rd = ms_since(t4);
        double tot = ms_since(t0);
        if (it >= warm) {
            t_tot.push_back(tot);
            t_rf.push_back(a);
            t_f.push_back(f);
            t_rb.push_back(rb);
            t_b.push_back(bb);
            t_rd.push_back(rd);
        }
    }

    // ---- inference
    lstm_forward::desc fwd_inf_d(prop_kind::forward_inference, dir, src_md, zmd, zmd, wl_any, wi_any, b_md, dst_md,
                                 zmd, zmd);
    lstm_forward::primitive_desc fwd_inf_pd(fwd_inf_d, eng);
    printf("IMPL fwd_inference=%s\n", fwd_inf_pd.impl_info_str());
    memory wl_i = maybe_reorder_mem(eng, wl, fwd_inf_pd.weights_layer_desc());
    memory wi_i = maybe_reorder_mem(eng, wi, fwd_inf_pd.weights_iter_desc());
    if (wl_i.get(false) != wl.get(false)) reorder(wl, wl_i).execute(s, wl, wl_i);
    if (wi_i.get(false) != wi.get(false)) reorder(wi, wi_i).execute(s, wi, wi_i);
    s.wait();
    lstm_forward fwd_inf(fwd_inf_pd);
    std::vector<double> t_inf;
    for (int it = 0; it < warm + reps; it++) {
        auto t0 = clk::now();
        fwd_inf.execute(s, {{DNNL_ARG_SRC_LAYER, src},
                            {DNNL_ARG_WEIGHTS_LAYER, wl_i},
                            {DNNL_ARG_WEIGHTS_ITER, wi_i},
                            {DNNL_ARG_BIAS, b},
                            {DNNL_ARG_DST_LAYER, dst}});
        s.wait();
        if (it >= warm) t_inf.push_back(ms_since(t0));
    }

    // ---- report
    const double tokens = double(T) * N;
    const double fwd_flop = tokens * 2.0 * G * H * (C + H) * D;  // per iteration, GEMMs only
    const double train_flop = 3.0 * fwd_flop;
    Stats st = stats(t_tot), si = stats(t_inf);
    Stats sf = stats(t_f), sb = stats(t_b), srf = stats(t_rf), srb = stats(t_rb), srd = stats(t_rd);
    printf("BREAKDOWN train median ms: reorder_w_fwd %.3f | fwd_training %.3f | reorder_w_bwd %.3f | zero+backward %.3f | reorder_dw %.3f\n",
           srf.med, sf.med, srb.med, sb.med, srd.med);
    printf("RESULT onednn %s threads=%d train: %.2f ms/it (min %.2f, mean %.2f), %.0f tokens/s, %.1f GFLOP/s "
           "[prims only fwd+bwd %.2f ms, %.1f GFLOP/s] | inference: %.2f ms/it (min %.2f, mean %.2f), %.0f tokens/s, "
           "%.1f GFLOP/s\n",
           bi ? "bilstm" : "lstm", omp_get_max_threads(), st.med, st.min, st.mean, tokens / st.med * 1e3,
           train_flop / st.med * 1e-6, sf.med + sb.med, train_flop / (sf.med + sb.med) * 1e-6, si.med, si.min,
           si.mean, tokens / si.med * 1e3, fwd_flop / si.med * 1e-6);
    // checksum so nothing is optimized away
    float cs = 0;
    float *p = static_cast<float *>(dwl.get_data_handle());
    for (int i = 0; i < 64; i++) cs += p[i];
    printf("CHECK dW[0:64] sum %.6f\n", cs);
    { double a=0,b2=0,c=0; float *q=(float*)dwi.get_data_handle(); size_t n=dwi.get_desc().get_size()/4; for(size_t i=0;i<n;i++){a+=q[i]; b2+=q[i]*q[i];}
      float *r=(float*)dwl.get_data_handle(); size_t m=dwl.get_desc().get_size()/4; for(size_t i=0;i<m;i++) c+=r[i]*r[i];
      printf("CHECK dWiter sum %.6f sumsq %.6f | dWlayer sumsq %.6f\n", a, b2, c); }
    return 0;
}
