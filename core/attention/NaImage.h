#pragma once
// Neighbourhood attention on a real image, for the lab's heatmap: every pixel is a token whose
// query and key are the same fixed feature vector (identity projections, no learnt weights):
//
//   f(x, y) = [ wc (r - 1/2), wc (g - 1/2), wc (b - 1/2),
//               wp sin(pi 2^i x / W), wp cos(pi 2^i x / W),
//               wp sin(pi 2^i y / H), wp cos(pi 2^i y / H)  for i = 0 .. frequencies-1 ]
//
// so score(q, k) = f_q . f_k (scale 1) rewards keys of similar colour (the colour term) near the
// query (the position term: sums of cos(pi 2^i dx / W), a transformer-style sinusoidal embedding,
// Vaswani et al. 2017). The neighbourhood weights are the softmax of the raw scores the naive
// kernel returns (NaResult::scores) over the query's NATTEN window; full attention's are the
// softmax over every pixel. Image: [height][width][3] floats in [0, 1], row-major.
#include "attention/NaForward.h"

#include <cstdint>
#include <vector>

namespace algoscope::attention {

struct RgbImage {
    int width = 0, height = 0;
    std::vector<float> rgb; ///< [height][width][3], values in [0, 1]
};

struct PixelFeatureOptions {
    float colourWeight = 4.0f;
    float positionWeight = 1.0f;
    int frequencies = 4;
    int dim() const { return 3 + 4 * frequencies; }
};

/// The feature tensor [1, height, width, 1, dim] of an image. Throws util::Error for an empty
/// image, a pixel array of the wrong size, values outside [0, 1] or frequencies outside 0..8.
Tensor pixelFeatures(const RgbImage& image, const PixelFeatureOptions& options = {});

/// Everything the heatmap needs for one image and one 2-D setting.
struct ImageAttention {
    int width = 0, height = 0;
    RgbImage image;
    NaParams params;
    Tensor features; ///< [1, H, W, 1, D]
    Tensor scores;   ///< raw scores from the naive kernel [1, 1, H, W, prod(k)], -inf masked
};

/// Runs the naive kernel (raw scores on) over the image's features. params must have two axes
/// and be valid for [height, width] (util::Error with NATTEN's reason otherwise). Cancellable.
ImageAttention computeImageAttention(const RgbImage& image, const NaParams& params,
                                     const PixelFeatureOptions& options = {},
                                     const util::TaskContext& ctx = {});

/// Attention weights of the query at (row, column) over all pixels, [H * W] row-major: the
/// softmax of its score row, placed at the window's keys; zero outside the window.
std::vector<float> neighborhoodWeights(const ImageAttention& a, int row, int column);
/// Full self-attention weights of the same query over every pixel (softmax of f_q . f_k).
std::vector<float> fullAttentionWeights(const ImageAttention& a, int row, int column);

} // namespace algoscope::attention
