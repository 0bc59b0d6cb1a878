#include "attention/NaImage.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

namespace algoscope::attention {

Tensor pixelFeatures(const RgbImage& image, const PixelFeatureOptions& options) {
    if (image.width < 1 || image.height < 1)
        throw util::Error("image is empty");
    if (image.rgb.size() != std::size_t(image.width) * std::size_t(image.height) * 3)
        throw util::Error("image pixel array has " + std::to_string(image.rgb.size()) +
                          " values; expected width * height * 3 = " +
                          std::to_string(std::size_t(image.width) * image.height * 3));
    if (options.frequencies < 0 || options.frequencies > 8)
        throw util::Error("frequencies must be between 0 and 8");
    for (float c : image.rgb)
        if (!(c >= 0.0f && c <= 1.0f))
            throw util::Error("image values must lie in [0, 1]");
    const int D = options.dim();
    Tensor t;
    t.shape = {1, image.height, image.width, 1, D};
    t.data.resize(std::size_t(image.width) * std::size_t(image.height) * std::size_t(D));
    const double pi = std::numbers::pi;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const std::size_t p = std::size_t(y) * std::size_t(image.width) + std::size_t(x);
            float* f = t.data.data() + p * std::size_t(D);
            for (int c = 0; c < 3; ++c)
                f[c] = options.colourWeight * (image.rgb[p * 3 + std::size_t(c)] - 0.5f);
            for (int i = 0; i < options.frequencies; ++i) {
                const double ax = pi * std::ldexp(1.0, i) * x / image.width;
                const double ay = pi * std::ldexp(1.0, i) * y / image.height;
                float* e = f + 3 + 4 * i;
                e[0] = options.positionWeight * float(std::sin(ax));
                e[1] = options.positionWeight * float(std::cos(ax));
                e[2] = options.positionWeight * float(std::sin(ay));
                e[3] = options.positionWeight * float(std::cos(ay));
            }
        }
    return t;
}

ImageAttention computeImageAttention(const RgbImage& image, const NaParams& params,
                                     const PixelFeatureOptions& options,
                                     const util::TaskContext& ctx) {
    if (params.rank() != 2)
        throw util::Error("the image heatmap needs 2-D parameters (one per image axis)");
    validate(params, {image.height, image.width});
    ImageAttention a;
    a.width = image.width;
    a.height = image.height;
    a.image = image;
    a.params = params;
    a.features = pixelFeatures(image, options);
    NaOptions o;
    o.params = params;
    o.scale = 1.0f;
    o.wantScores = true;
    NaResult r = forwardCpu(Impl::Naive, a.features, a.features, a.features, o, ctx);
    a.scores = std::move(r.scores);
    return a;
}

namespace {

void checkPixel(const ImageAttention& a, int row, int column) {
    if (row < 0 || row >= a.height || column < 0 || column >= a.width)
        throw util::Error("pixel (" + std::to_string(row) + ", " + std::to_string(column) +
                          ") is outside the " + std::to_string(a.height) + " x " +
                          std::to_string(a.width) + " image");
}

// Softmax in place over the finite entries (-inf stays 0).
void softmax(std::vector<double>& s) {
    double mx = -std::numeric_limits<double>::infinity();
    for (double v : s)
        mx = std::max(mx, v);
    double sum = 0;
    for (double& v : s) {
        v = std::isinf(v) ? 0.0 : std::exp(v - mx);
        sum += v;
    }
    for (double& v : s)
        v /= sum;
}

} // namespace

std::vector<float> neighborhoodWeights(const ImageAttention& a, int row, int column) {
    checkPixel(a, row, column);
    const std::int64_t window = a.params.windowVolume();
    const std::int64_t token = std::int64_t(row) * a.width + column;
    const float* srow = a.scores.data.data() + token * window;
    std::vector<double> s(srow, srow + window);
    softmax(s);
    // Slot (jy - start_y) * k_x + (jx - start_x) holds key (jy * d_y + g_y, jx * d_x + g_x).
    const AxisParams& py = a.params.axes[0];
    const AxisParams& px = a.params.axes[1];
    const AxisWindow wy = axisWindow(a.height, py, row), wx = axisWindow(a.width, px, column);
    std::vector<float> w(std::size_t(a.width) * std::size_t(a.height), 0.0f);
    for (int jy = wy.start; jy < wy.end; ++jy)
        for (int jx = wx.start; jx < wx.end; ++jx) {
            const std::int64_t slot = std::int64_t(jy - wy.start) * px.kernel + (jx - wx.start);
            const std::int64_t key =
                std::int64_t(jy * py.dilation + wy.group) * a.width + (jx * px.dilation + wx.group);
            w[std::size_t(key)] = float(s[std::size_t(slot)]);
        }
    return w;
}

std::vector<float> fullAttentionWeights(const ImageAttention& a, int row, int column) {
    checkPixel(a, row, column);
    const int D = int(a.features.shape.back());
    const std::int64_t n = std::int64_t(a.width) * a.height;
    const float* q = a.features.data.data() + (std::int64_t(row) * a.width + column) * D;
    std::vector<double> s(static_cast<std::size_t>(n));
    for (std::int64_t j = 0; j < n; ++j) {
        const float* k = a.features.data.data() + j * D;
        double dot = 0;
        for (int c = 0; c < D; ++c)
            dot += double(q[c]) * double(k[c]);
        s[std::size_t(j)] = dot;
    }
    softmax(s);
    return std::vector<float>(s.begin(), s.end());
}

} // namespace algoscope::attention
