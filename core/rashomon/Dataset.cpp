#include "rashomon/Dataset.h"

#include "util/AtomicFile.h"
#include "util/Error.h"
#include "util/Resources.h"
#include "util/Rng.h"
#include "util/Text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>

namespace algoscope::rashomon {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = s.substr(1, s.size() - 2);
    return s;
}

std::vector<std::string_view> splitFields(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t c = line.find(',', start);
        if (c == std::string_view::npos) {
            out.push_back(trim(line.substr(start)));
            break;
        }
        out.push_back(trim(line.substr(start, c - start)));
        start = c + 1;
    }
    return out;
}

bool parseNumber(std::string_view s, double& v) {
    if (s.empty())
        return false;
    if (s.front() == '+')
        s.remove_prefix(1);
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && std::isfinite(v);
}

// A number for header detection: "inf" and "nan" count, so a data row holding them is reported
// as a bad value rather than mistaken for a header.
bool looksNumeric(std::string_view s) {
    if (s.empty())
        return true; // a missing value in a data row, reported as such
    double v;
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return !s.empty() && p == s.data() + s.size() &&
           (ec == std::errc() || ec == std::errc::result_out_of_range);
}

bool parseIndex(std::string_view s, long long& v) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

std::string where(const std::string& name, std::size_t line, std::size_t col) {
    return name + ": line " + std::to_string(line) + ", column " + std::to_string(col) + ": ";
}

struct Row {
    std::size_t line; // 1-based
    std::vector<std::string_view> fields;
};

} // namespace

Dataset Dataset::subset(const std::vector<std::size_t>& rowsWanted) const {
    Dataset d;
    d.name = name;
    d.featureNames = featureNames;
    d.classNames = classNames;
    d.x.reserve(rowsWanted.size() * cols());
    for (std::size_t r : rowsWanted) {
        d.x.insert(d.x.end(), x.begin() + std::ptrdiff_t(r * cols()),
                   x.begin() + std::ptrdiff_t((r + 1) * cols()));
        d.y.push_back(y[r]);
    }
    return d;
}

Dataset parseCsv(std::string_view text, const CsvOptions& options, const std::string& name) {
    std::vector<Row> rows;
    {
        const auto lines = util::splitLines(text);
        if (lines.size() > kMaxCsvRows + 1)
            throw util::LimitError(name + ": more than " + std::to_string(kMaxCsvRows) +
                                   " rows (kMaxCsvRows in core/rashomon/Dataset.h)");
        std::size_t cells = 0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (trim(lines[i]).empty())
                continue; // blank lines (a trailing one is common) carry no data
            Row r{i + 1, splitFields(lines[i])};
            if (r.fields.size() > kMaxCsvColumns)
                throw util::LimitError(where(name, i + 1, kMaxCsvColumns + 1) + "more than " +
                                       std::to_string(kMaxCsvColumns) + " columns");
            cells += r.fields.size();
            if (cells > kMaxCsvCells)
                throw util::LimitError(name + ": more than " + std::to_string(kMaxCsvCells) +
                                       " cells (kMaxCsvCells)");
            rows.push_back(std::move(r));
        }
    }
    if (rows.empty())
        throw util::Error(name + ": empty file (no rows)");

    Dataset d;
    d.name = name;
    // What the first row is.
    const Row& first = rows.front();
    bool firstNumeric = true;
    for (auto f : first.fields) {
        if (!looksNumeric(f)) {
            firstNumeric = false;
            break;
        }
    }
    std::vector<std::string> sklearnClasses;
    std::vector<std::string> header;
    std::size_t dataStart = 0;
    {
        long long n = 0, p = 0;
        if (first.fields.size() >= 2 && parseIndex(first.fields[0], n) &&
            parseIndex(first.fields[1], p) && rows.size() >= 2 && n >= 1 && p >= 1 &&
            std::size_t(n) == rows.size() - 1 && std::size_t(p) + 1 == rows[1].fields.size() &&
            (first.fields.size() != rows[1].fields.size() || !firstNumeric)) {
            // scikit-learn's "n,p,class names" line.
            for (std::size_t i = 2; i < first.fields.size(); ++i)
                sklearnClasses.emplace_back(first.fields[i]);
            dataStart = 1;
        } else if (!firstNumeric) {
            for (auto f : first.fields)
                header.emplace_back(f);
            dataStart = 1;
        }
    }
    if (dataStart >= rows.size())
        throw util::Error(name + ": no data rows after the header");
    const std::size_t ncols = rows[dataStart].fields.size();
    if (ncols < 2)
        throw util::Error(where(name, rows[dataStart].line, 1) +
                          "need at least two columns (features and a class)");
    if (!header.empty() && header.size() != ncols)
        throw util::Error(where(name, rows[dataStart].line, std::min(header.size(), ncols) + 1) +
                          "the header has " + std::to_string(header.size()) +
                          " columns but this row has " + std::to_string(ncols));

    // Class column.
    std::size_t classCol = ncols - 1;
    if (!options.classColumn.empty()) {
        long long idx = -1;
        auto it = std::find(header.begin(), header.end(), options.classColumn);
        if (it != header.end()) {
            classCol = std::size_t(it - header.begin());
        } else if (parseIndex(options.classColumn, idx)) {
            if (idx < 0 || std::size_t(idx) >= ncols)
                throw util::Error(name + ": class column index " + options.classColumn +
                                  " is outside 0.." + std::to_string(ncols - 1));
            classCol = std::size_t(idx);
        } else {
            throw util::Error(name + ": no column named '" + options.classColumn + "'" +
                              (header.empty() ? " (the file has no header row)" : ""));
        }
    }
    if (!sklearnClasses.empty() && classCol != ncols - 1)
        throw util::Error(name + ": in the n,p,classes format the class is the last column");

    for (std::size_t c = 0; c < ncols; ++c) {
        if (c == classCol)
            continue;
        d.featureNames.push_back(header.empty() ? "x" + std::to_string(c) : header[c]);
    }
    const std::size_t nrows = rows.size() - dataStart;
    d.x.reserve(nrows * (ncols - 1));
    std::vector<std::string_view> classText;
    classText.reserve(nrows);
    bool classesNumeric = true;
    for (std::size_t r = dataStart; r < rows.size(); ++r) {
        const Row& row = rows[r];
        if (row.fields.size() != ncols)
            throw util::Error(where(name, row.line, std::min(row.fields.size(), ncols) + 1) +
                              "ragged row: " + std::to_string(row.fields.size()) +
                              " columns, expected " + std::to_string(ncols));
        for (std::size_t c = 0; c < ncols; ++c) {
            const std::string_view f = row.fields[c];
            if (c == classCol) {
                if (f.empty())
                    throw util::Error(where(name, row.line, c + 1) + "missing class value");
                double v;
                if (!parseNumber(f, v))
                    classesNumeric = false;
                classText.push_back(f);
                continue;
            }
            double v;
            if (f.empty())
                throw util::Error(where(name, row.line, c + 1) + "missing value");
            if (!parseNumber(f, v))
                throw util::Error(where(name, row.line, c + 1) + "not a finite number: '" +
                                  std::string(f.substr(0, 40)) + "'");
            d.x.push_back(v);
        }
    }
    // Classes.
    if (!sklearnClasses.empty()) {
        d.classNames = sklearnClasses;
        for (std::size_t r = 0; r < classText.size(); ++r) {
            long long k = -1;
            if (!parseIndex(classText[r], k) || k < 0 || std::size_t(k) >= sklearnClasses.size())
                throw util::Error(where(name, rows[dataStart + r].line, ncols) +
                                  "class index must be an integer in 0.." +
                                  std::to_string(sklearnClasses.size() - 1));
            d.y.push_back(int(k));
        }
    } else if (classesNumeric) {
        std::map<double, int> values;
        std::map<double, std::string> text;
        for (auto t : classText) {
            double v;
            parseNumber(t, v);
            values.emplace(v, 0);
            text.emplace(v, std::string(t));
        }
        int k = 0;
        for (auto& [v, idx] : values) {
            idx = k++;
            d.classNames.push_back(text[v]);
        }
        for (auto t : classText) {
            double v;
            parseNumber(t, v);
            d.y.push_back(values[v]);
        }
    } else {
        std::map<std::string_view, int> index;
        for (auto t : classText) {
            auto it = index.find(t);
            if (it == index.end()) {
                it = index.emplace(t, int(d.classNames.size())).first;
                d.classNames.emplace_back(t);
            }
            d.y.push_back(it->second);
        }
    }
    if (d.classNames.size() > 1000)
        throw util::LimitError(name + ": more than 1000 classes in the class column (is it the "
                                      "right column? see --class)");
    return d;
}

Dataset readCsvFile(const std::string& path, const CsvOptions& options) {
    const std::string bytes = util::readFileBytes(path, std::uint64_t{1} << 30);
    std::string name = path;
    const auto slash = name.find_last_of('/');
    if (slash != std::string::npos)
        name = name.substr(slash + 1);
    return parseCsv(bytes, options, name);
}

namespace {
struct Bundled {
    const char* name;
    const char* file;
    std::vector<std::string> features; // empty: keep the file's names
};

const std::vector<Bundled>& bundled() {
    static const std::vector<Bundled> list = {
        {"iris",
         "resources/datasets/iris.csv",
         {"sepal length", "sepal width", "petal length", "petal width"}},
        {"wine",
         "resources/datasets/wine_data.csv",
         {"alcohol", "malic acid", "ash", "alcalinity of ash", "magnesium", "total phenols",
          "flavanoids", "nonflavanoid phenols", "proanthocyanins", "color intensity", "hue",
          "OD280/OD315", "proline"}},
        {"breast_cancer", "resources/datasets/breast_cancer.csv", {}},
        {"monk1", "resources/datasets/monk_1.csv", {}},
        {"monk2", "resources/datasets/monk_2.csv", {}},
        {"monk3", "resources/datasets/monk_3.csv", {}},
    };
    return list;
}

std::vector<std::string> breastCancerNames() {
    const char* base[] = {"radius",     "texture",          "perimeter", "area",
                          "smoothness", "compactness",      "concavity", "concave points",
                          "symmetry",   "fractal dimension"};
    std::vector<std::string> out;
    for (const char* kind : {"mean ", "error ", "worst "})
        for (const char* b : base)
            out.push_back(std::string(kind) + b);
    return out;
}
} // namespace

std::vector<std::string> bundledDatasetNames() {
    std::vector<std::string> out;
    for (const auto& b : bundled())
        out.emplace_back(b.name);
    return out;
}

bool isBundledDataset(const std::string& name) {
    for (const auto& b : bundled())
        if (name == b.name)
            return true;
    return false;
}

Dataset bundledDataset(const std::string& name) {
    for (const auto& b : bundled()) {
        if (name != b.name)
            continue;
        Dataset d = parseCsv(util::resource(b.file), {}, b.name);
        std::vector<std::string> names = name == "breast_cancer" ? breastCancerNames() : b.features;
        if (!names.empty() && names.size() == d.featureNames.size())
            d.featureNames = names;
        if (name.rfind("monk", 0) == 0)
            d.classNames = {"0", "1"};
        return d;
    }
    std::string known;
    for (const auto& n : bundledDatasetNames())
        known += (known.empty() ? "" : ", ") + n;
    throw util::Error("unknown bundled data set '" + name + "' (known: " + known + ")");
}

Dataset loadDataset(const std::string& spec, const CsvOptions& options) {
    if (isBundledDataset(spec) && options.classColumn.empty())
        return bundledDataset(spec);
    return readCsvFile(spec, options);
}

Split trainTestSplit(const Dataset& data, double testFraction, std::uint64_t seed) {
    if (!(testFraction >= 0.0 && testFraction < 1.0))
        throw util::Error("test fraction must be in [0, 1)");
    const std::size_t n = data.rows();
    std::vector<std::size_t> perm(n);
    std::iota(perm.begin(), perm.end(), std::size_t(0));
    util::Rng rng(seed);
    for (std::size_t i = n; i > 1; --i)
        std::swap(perm[i - 1], perm[rng.below(i)]);
    const auto nTest = std::size_t(std::llround(testFraction * double(n)));
    if (n - nTest < 1)
        throw util::Error("the training set would be empty");
    std::vector<std::size_t> test(perm.begin(), perm.begin() + std::ptrdiff_t(nTest));
    std::vector<std::size_t> train(perm.begin() + std::ptrdiff_t(nTest), perm.end());
    std::sort(test.begin(), test.end());
    std::sort(train.begin(), train.end());
    return {data.subset(train), data.subset(test)};
}

} // namespace algoscope::rashomon
