#include "rashomon/Binarizer.h"

#include "util/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

namespace algoscope::rashomon {

namespace {
std::string formatThreshold(double t) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", t);
    return buf;
}

int parsePositive(const std::string& text, const std::string& whole) {
    int v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v < 1 || v > 4096)
        throw util::Error("binarisation '" + whole +
                          "': expected a whole number in 1..4096 after ':'");
    return v;
}
} // namespace

BinarizeSpec BinarizeSpec::parse(const std::string& text) {
    BinarizeSpec s;
    const auto colon = text.find(':');
    const std::string mode = text.substr(0, colon);
    const std::string arg = colon == std::string::npos ? "" : text.substr(colon + 1);
    if (mode == "quantiles") {
        s.mode = Mode::Quantiles;
        s.quantiles = arg.empty() ? 4 : parsePositive(arg, text);
    } else if (mode == "midpoints") {
        s.mode = Mode::Midpoints;
        if (!arg.empty())
            s.maxThresholdsPerColumn = parsePositive(arg, text);
    } else {
        throw util::Error("binarisation '" + text +
                          "': expected quantiles:K or midpoints[:MAX_PER_COLUMN]");
    }
    return s;
}

std::string BinarizeSpec::toString() const {
    return mode == Mode::Quantiles ? "quantiles:" + std::to_string(quantiles)
                                   : "midpoints:" + std::to_string(maxThresholdsPerColumn);
}

BinaryData BinaryData::fromBits(const std::vector<std::vector<int>>& rows,
                                const std::vector<int>& labels, int classes) {
    BinaryData d;
    if (rows.size() != labels.size())
        throw util::Error("fromBits: rows and labels differ in length");
    const std::size_t p = rows.empty() ? 0 : rows[0].size();
    for (std::size_t j = 0; j < p; ++j)
        d.features.push_back({int(j), 0.0, true, "f" + std::to_string(j)});
    for (int k = 0; k < classes; ++k)
        d.classNames.push_back(std::to_string(k));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].size() != p)
            throw util::Error("fromBits: ragged rows");
        if (labels[i] < 0 || labels[i] >= classes)
            throw util::Error("fromBits: label out of range");
        for (int b : rows[i])
            d.bits.push_back(b ? 1 : 0);
        d.y.push_back(labels[i]);
    }
    return d;
}

std::vector<BinaryFeature> learnBinaryFeatures(const Dataset& train, const BinarizeSpec& spec) {
    std::vector<BinaryFeature> out;
    const std::size_t n = train.rows();
    for (std::size_t c = 0; c < train.cols(); ++c) {
        std::vector<double> v(n);
        for (std::size_t i = 0; i < n; ++i)
            v[i] = train.at(i, c);
        std::sort(v.begin(), v.end());
        std::vector<double> distinct = v;
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        const bool indicator = std::all_of(distinct.begin(), distinct.end(),
                                           [](double x) { return x == 0 || x == 1; });
        if (indicator) {
            if (distinct.size() == 2) // a constant column splits nothing
                out.push_back({int(c), 0.5, true, train.featureNames[c]});
            continue;
        }
        if (distinct.size() < 2)
            continue;
        // Candidate cut points: midpoints between consecutive distinct values.
        std::vector<double> mids;
        for (std::size_t i = 0; i + 1 < distinct.size(); ++i)
            mids.push_back(0.5 * (distinct[i] + distinct[i + 1]));
        std::set<double> chosen;
        if (spec.mode == BinarizeSpec::Mode::Midpoints) {
            const std::size_t m = std::size_t(spec.maxThresholdsPerColumn);
            if (mids.size() <= m) {
                chosen.insert(mids.begin(), mids.end());
            } else {
                for (std::size_t i = 0; i < m; ++i)
                    chosen.insert(mids[(i * (mids.size() - 1)) / std::max<std::size_t>(1, m - 1)]);
            }
        } else {
            for (int q = 1; q <= spec.quantiles; ++q) {
                // The value at rank q/(K+1) of the sorted column, then the nearest cut at or
                // above it: x <= cut puts about that fraction of points on the true side.
                const double pos = double(q) / double(spec.quantiles + 1) * double(n - 1);
                const double value = v[std::size_t(std::floor(pos))];
                auto it = std::lower_bound(distinct.begin(), distinct.end(), value);
                std::size_t idx = std::size_t(it - distinct.begin());
                if (idx >= mids.size())
                    idx = mids.size() - 1;
                chosen.insert(mids[idx]);
            }
        }
        for (double t : chosen)
            out.push_back({int(c), t, false, train.featureNames[c] + " <= " + formatThreshold(t)});
    }
    return out;
}

BinaryData applyBinaryFeatures(const Dataset& data, const std::vector<BinaryFeature>& features) {
    BinaryData d;
    d.features = features;
    d.classNames = data.classNames;
    d.y = data.y;
    d.bits.resize(data.rows() * features.size());
    for (std::size_t i = 0; i < data.rows(); ++i)
        for (std::size_t j = 0; j < features.size(); ++j)
            d.bits[i * features.size() + j] =
                features[j].test(data.at(i, std::size_t(features[j].column))) ? 1 : 0;
    return d;
}

BinaryData binarize(const Dataset& data, const BinarizeSpec& spec) {
    return applyBinaryFeatures(data, learnBinaryFeatures(data, spec));
}

} // namespace algoscope::rashomon
