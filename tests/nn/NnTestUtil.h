#pragma once
// Shared by the core/nn tests: random matrices with a fixed seed.
#include "nn/Tensor.h"
#include "util/Rng.h"

namespace algoscope::nn::test {

inline Matrix randomMatrix(util::Rng& rng, Eigen::Index r, Eigen::Index c, double scale = 1.0) {
    Matrix m(r, c);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = float(scale * rng.normal());
    return m;
}

} // namespace algoscope::nn::test
