#pragma once
// Binary features for the tree spaces. A column whose values are all 0 or 1 is kept as one
// feature "name = 1"; any other column becomes the tests "name <= t" for a set of thresholds t:
//  - quantiles:K  the K interior quantiles i/(K+1), i = 1..K, each moved to the midpoint between
//                 the neighbouring distinct values (duplicates dropped);
//  - midpoints    every midpoint between consecutive distinct training values (capped by
//                 maxThresholdsPerColumn, taking evenly spaced ones when there are more).
// The thresholds are learnt on one data set (the training split) and applied to any other, so a
// tree can be printed and evaluated in the original feature names and units.
#include "rashomon/Dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace algoscope::rashomon {

struct BinarizeSpec {
    enum class Mode { Quantiles, Midpoints };
    Mode mode = Mode::Quantiles;
    int quantiles = 4;               // K for Mode::Quantiles
    int maxThresholdsPerColumn = 64; // cap for Mode::Midpoints
    /// Parses "quantiles:K" or "midpoints" (or "midpoints:M" for the cap); util::Error otherwise.
    static BinarizeSpec parse(const std::string& text);
    std::string toString() const;
};

/// One binary feature: column `column` of the source data, true when x <= threshold, or (for a
/// 0/1 column, isIndicator) when x == 1.
struct BinaryFeature {
    int column = 0;
    double threshold = 0.0;
    bool isIndicator = false;
    std::string name; // "petal length <= 2.45" or "a1_1"
    bool test(double value) const { return isIndicator ? value == 1.0 : value <= threshold; }
};

/// Points as bits: n points, p binary features, labels in [0, classes).
struct BinaryData {
    std::vector<BinaryFeature> features;
    std::vector<std::string> classNames;
    std::vector<std::uint8_t> bits; // n * p, row-major, 0/1
    std::vector<int> y;

    std::size_t rows() const { return y.size(); }
    std::size_t cols() const { return features.size(); }
    int classes() const { return int(classNames.size()); }
    bool bit(std::size_t row, std::size_t feature) const {
        return bits[row * cols() + feature] != 0;
    }
    /// A small data set given directly as bits (tests, brute force): rows of 0/1.
    static BinaryData fromBits(const std::vector<std::vector<int>>& rows,
                               const std::vector<int>& labels, int classes);
};

/// Thresholds learnt from `train`.
std::vector<BinaryFeature> learnBinaryFeatures(const Dataset& train, const BinarizeSpec& spec);
/// Applies learnt features to a data set with the same columns.
BinaryData applyBinaryFeatures(const Dataset& data, const std::vector<BinaryFeature>& features);
/// learn + apply on the same data.
BinaryData binarize(const Dataset& data, const BinarizeSpec& spec);

} // namespace algoscope::rashomon
