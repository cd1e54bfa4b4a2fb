// Central-difference check of oneDNN's LSTM backward (weights_layer and weights_iter gradients) for
// the src/dst layouts tnc (time-major) and ntc (batch-major), unidirectional and bidirectional_concat.
// seq4j uses it to pick the C++ reference layout in bench/rnn.sh: the fastest layout whose gradients
// are right. (Found here: with tnc, oneDNN 2.5.2 and 2.6.3 compute a wrong unidirectional
// weights_iter gradient; ntc is right. See docs/kernels.md.)
// Build: g++ -O2 -std=c++17 -o dnnl_lstm_gradcheck dnnl_lstm_gradcheck.cpp -ldnnl -fopenmp
// Run:   ./dnnl_lstm_gradcheck      prints one "GRADCHECK <uni|bi> <tnc|ntc> <ok|WRONG> ..." line each
#include <oneapi/dnnl/dnnl.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>
using namespace dnnl;
using dt = memory::data_type;
using tag = memory::format_tag;

static const int T = 6, N = 3, C = 5, H = 4, G = 4;
static engine eng(engine::kind::cpu, 0);

struct Problem {
    int D;                                   // directions: 1 or 2
    std::vector<float> x, dy, wl, wi, b;     // logical tnc x[t][n][c], dy[t][n][d*H+h]; ldigo / ldgo weights
};
struct Result { double loss; std::vector<float> dwl, dwi; };

static void reorderInto(stream &s, memory &from, memory &to) { reorder(from, to).execute(s, from, to); s.wait(); }

// loss = sum(dst * dy); with grad, also d loss / d weights from lstm_backward (diff_dst = dy).
static Result run(const Problem &p, bool ntc, const std::vector<float> &wl, const std::vector<float> &wi, bool grad) {
    stream s(eng);
    const int D = p.D, DH = D * H;
    const auto dir = D == 2 ? rnn_direction::bidirectional_concat : rnn_direction::unidirectional_left2right;
    const auto lay = ntc ? tag::ntc : tag::tnc;
    memory::desc sm({T, N, C}, dt::f32, lay), dm({T, N, DH}, dt::f32, lay), z;
    memory::desc wlu({1, D, C, G, H}, dt::f32, tag::ldigo), wiu({1, D, H, G, H}, dt::f32, tag::ldigo);
    memory::desc wla({1, D, C, G, H}, dt::f32, tag::any), wia({1, D, H, G, H}, dt::f32, tag::any);
    memory::desc bm({1, D, G, H}, dt::f32, tag::ldgo);
    memory src(sm, eng), dst(dm, eng), dsrc(sm, eng), ddst(dm, eng), b(bm, eng), db(bm, eng);
    memory wlm(wlu, eng), wim(wiu, eng), dwl(wlu, eng), dwi(wiu, eng);
    auto at = [&](int t, int n, int k, int width) { return ntc ? (n * T + t) * width + k : (t * N + n) * width + k; };
    float *ps = (float *)src.get_data_handle(), *pd = (float *)ddst.get_data_handle();
    for (int t = 0; t < T; t++)
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) ps[at(t, n, c, C)] = p.x[(t * N + n) * C + c];
            for (int h = 0; h < DH; h++) pd[at(t, n, h, DH)] = p.dy[(t * N + n) * DH + h];
        }
    std::copy(wl.begin(), wl.end(), (float *)wlm.get_data_handle());
    std::copy(wi.begin(), wi.end(), (float *)wim.get_data_handle());
    std::copy(p.b.begin(), p.b.end(), (float *)b.get_data_handle());

    lstm_forward::primitive_desc fpd(
        lstm_forward::desc(prop_kind::forward_training, dir, sm, z, z, wla, wia, bm, dm, z, z), eng);
    memory ws(fpd.workspace_desc(), eng), wlf(fpd.weights_layer_desc(), eng), wif(fpd.weights_iter_desc(), eng);
    reorderInto(s, wlm, wlf);
    reorderInto(s, wim, wif);
    lstm_forward(fpd).execute(s, {{DNNL_ARG_SRC_LAYER, src}, {DNNL_ARG_WEIGHTS_LAYER, wlf}, {DNNL_ARG_WEIGHTS_ITER, wif},
                                  {DNNL_ARG_BIAS, b}, {DNNL_ARG_DST_LAYER, dst}, {DNNL_ARG_WORKSPACE, ws}});
    s.wait();
    Result r{0, {}, {}};
    const float *py = (const float *)dst.get_data_handle();
    for (int i = 0; i < T * N * DH; i++) r.loss += (double)py[i] * pd[i];   // same pairing in either layout
    if (!grad) return r;

    lstm_backward::primitive_desc bpd(
        lstm_backward::desc(prop_kind::backward, dir, sm, z, z, wla, wia, bm, dm, z, z, sm, z, z, wla, wia, bm, dm, z, z),
        eng, fpd);
    memory wlb(bpd.weights_layer_desc(), eng), wib(bpd.weights_iter_desc(), eng);
    memory dwlb(bpd.diff_weights_layer_desc(), eng), dwib(bpd.diff_weights_iter_desc(), eng);
    reorderInto(s, wlm, wlb);
    reorderInto(s, wim, wib);
    std::memset(dwlb.get_data_handle(), 0, dwlb.get_desc().get_size());
    std::memset(dwib.get_data_handle(), 0, dwib.get_desc().get_size());
    std::memset(db.get_data_handle(), 0, bm.get_size());
    lstm_backward(bpd).execute(s, {{DNNL_ARG_SRC_LAYER, src}, {DNNL_ARG_WEIGHTS_LAYER, wlb}, {DNNL_ARG_WEIGHTS_ITER, wib},
                                   {DNNL_ARG_BIAS, b}, {DNNL_ARG_DST_LAYER, dst}, {DNNL_ARG_WORKSPACE, ws},
                                   {DNNL_ARG_DIFF_SRC_LAYER, dsrc}, {DNNL_ARG_DIFF_WEIGHTS_LAYER, dwlb},
                                   {DNNL_ARG_DIFF_WEIGHTS_ITER, dwib}, {DNNL_ARG_DIFF_BIAS, db},
                                   {DNNL_ARG_DIFF_DST_LAYER, ddst}});
    s.wait();
    reorderInto(s, dwlb, dwl);
    reorderInto(s, dwib, dwi);
    const float *a = (const float *)dwl.get_data_handle(), *c = (const float *)dwi.get_data_handle();
    r.dwl.assign(a, a + wl.size());
    r.dwi.assign(c, c + wi.size());
    return r;
}

// max |analytic - central difference| over every element of one weight array
static double maxError(const Problem &p, bool ntc, bool iter, const std::vector<float> &analytic) {
    const float eps = 1e-2f;
    double err = 0;
    for (size_t k = 0; k < analytic.size(); k++) {
        auto plus = iter ? p.wi : p.wl, minus = plus;
        plus[k] += eps;
        minus[k] -= eps;
        double lp = iter ? run(p, ntc, p.wl, plus, false).loss : run(p, ntc, plus, p.wi, false).loss;
        double lm = iter ? run(p, ntc, p.wl, minus, false).loss : run(p, ntc, minus, p.wi, false).loss;
        err = std::max(err, std::fabs(analytic[k] - (lp - lm) / (2 * eps)));
    }
    return err;
}

int main() {
    std::mt19937 g(7);
    std::uniform_real_distribution<float> u(-1, 1);
    for (int D : {1, 2}) {
        Problem p{D, std::vector<float>(T * N * C), std::vector<float>(T * N * D * H), std::vector<float>(D * C * G * H),
                  std::vector<float>(D * H * G * H), std::vector<float>(D * G * H)};
        for (auto *v : {&p.x, &p.dy}) for (auto &x : *v) x = u(g);
        for (auto *v : {&p.wl, &p.wi, &p.b}) for (auto &x : *v) x = 0.5f * u(g);
        for (bool ntc : {false, true}) {
            Result r = run(p, ntc, p.wl, p.wi, true);
            double scale = 0;
            for (float v : r.dwl) scale = std::max(scale, (double)std::fabs(v));
            double el = maxError(p, ntc, false, r.dwl), ei = maxError(p, ntc, true, r.dwi);
            bool ok = el < 1e-3 * std::max(1.0, scale) && ei < 1e-3 * std::max(1.0, scale);
            printf("GRADCHECK %s %s %s max error weights_layer %.6f weights_iter %.6f (max |dW_layer| %.4f)\n",
                   D == 2 ? "bi" : "uni", ntc ? "ntc" : "tnc", ok ? "ok" : "WRONG", el, ei, scale);
        }
    }
    return 0;
}
