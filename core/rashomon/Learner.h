#pragma once
// The learners of the "do learners agree?" comparison (Semenova, Rudin & Parr 2022, Figure 1:
// when the Rashomon ratio is large, different learners reach similar accuracy). Each learner is
// small and standard and lives in its own file; all are trained on the same split.
#include "rashomon/Dataset.h"

#include <memory>
#include <string>
#include <vector>

namespace algoscope::rashomon {

class Learner {
public:
    virtual ~Learner() = default;
    virtual std::string name() const = 0;
    virtual void fit(const Dataset& train) = 0;
    /// Predicted class of row `row` of data (same columns as the training data).
    virtual int predict(const Dataset& data, std::size_t row) const = 0;

    double accuracy(const Dataset& data) const;
};

/// "logistic", "cart", "forest", "knn" (util::Error for others); seed for the randomised ones.
std::unique_ptr<Learner> makeLearner(const std::string& name, std::uint64_t seed = 1);
std::vector<std::string> learnerNames();

} // namespace algoscope::rashomon
