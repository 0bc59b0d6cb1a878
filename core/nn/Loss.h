#pragma once
// Losses, each returning the loss value and writing its gradient with respect to the input.
#include "nn/Tensor.h"

#include <span>

namespace algoscope::nn {

struct CrossEntropyResult {
    double loss = 0;         // mean over the weighted rows
    std::size_t counted = 0; // rows with weight > 0
    std::size_t correct = 0; // of those, rows whose argmax is the target
};

/// Softmax cross-entropy of logits [rows, vocab] against targets (one per row), each row
/// weighted by weights[row] (0 = not counted; empty = all 1). dlogits (resized) receives the
/// gradient of the mean loss. Numerically stable (max subtracted).
CrossEntropyResult softmaxCrossEntropy(const Matrix& logits, std::span<const int> targets,
                                       std::span<const float> weights, Matrix* dlogits);

/// Mean squared error over the selected entries: rows r, columns cols[r], against target[r]
/// (what Q-learning trains: only the Q-value of the action taken). dout is zero elsewhere.
double selectedMse(const Matrix& out, std::span<const int> cols, std::span<const float> target,
                   Matrix* dout);

} // namespace algoscope::nn
