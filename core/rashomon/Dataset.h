#pragma once
// A labelled table for the Rashomon lab: numeric features (rows = points) and an integer class per
// row. Read from CSV in three shapes:
//  - scikit-learn's bundled format (iris.csv, wine_data.csv, breast_cancer.csv): a first line
//    "n,p,class name 0,class name 1,...", then n rows of p numbers and a class index;
//  - a header row of column names (the MONK's files), then numeric rows;
//  - no header at all, every row numeric.
// The class column is the last one unless chosen by name or 0-based index; its values may be
// numbers or words (each distinct word becomes a class, in order of first appearance, numbers
// sorted). Every feature cell must be a finite number: a missing or non-numeric value, a ragged
// row or an empty file throws util::Error naming the row and column (1-based, as a spreadsheet
// shows them).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace algoscope::rashomon {

struct Dataset {
    std::string name;
    std::vector<std::string> featureNames; // p
    std::vector<std::string> classNames;   // C >= 1
    std::vector<double> x;                 // n * p, row-major
    std::vector<int> y;                    // n, each in [0, C)

    std::size_t rows() const { return y.size(); }
    std::size_t cols() const { return featureNames.size(); }
    int classes() const { return int(classNames.size()); }
    double at(std::size_t row, std::size_t col) const { return x[row * cols() + col]; }
    /// The rows listed, in that order (for train/test splits).
    Dataset subset(const std::vector<std::size_t>& rows) const;
};

struct CsvOptions {
    /// Class column: empty = last column; a column name (needs a header) or a 0-based index.
    std::string classColumn;
};

/// Limits on what the CSV reader accepts (checked before allocating).
inline constexpr std::size_t kMaxCsvRows = 1'000'000;
inline constexpr std::size_t kMaxCsvColumns = 10'000;
inline constexpr std::size_t kMaxCsvCells = 20'000'000;

/// Parses CSV text. `name` labels the data set (and error messages).
Dataset parseCsv(std::string_view text, const CsvOptions& options = {},
                 const std::string& name = "csv");
/// Reads a CSV file (util::Error when it cannot be read).
Dataset readCsvFile(const std::string& path, const CsvOptions& options = {});

/// The data sets embedded in the binary (resources/datasets/): "iris", "wine", "breast_cancer",
/// "monk1", "monk2", "monk3".
std::vector<std::string> bundledDatasetNames();
bool isBundledDataset(const std::string& name);
/// A bundled data set with its real feature names (util::Error for an unknown name).
Dataset bundledDataset(const std::string& name);
/// `spec` is a bundled name or a CSV path.
Dataset loadDataset(const std::string& spec, const CsvOptions& options = {});

/// A seeded random split: round(testFraction * n) rows go to the test set (stratified by class
/// is not attempted; the permutation is a Fisher-Yates shuffle with util::Rng(seed)).
struct Split {
    Dataset train, test;
};
Split trainTestSplit(const Dataset& data, double testFraction, std::uint64_t seed);

} // namespace algoscope::rashomon
