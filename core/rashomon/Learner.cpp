#include "rashomon/Learner.h"

#include "rashomon/Cart.h"
#include "rashomon/Knn.h"
#include "rashomon/LogisticRegression.h"
#include "rashomon/RandomForest.h"
#include "util/Error.h"

namespace algoscope::rashomon {

double Learner::accuracy(const Dataset& data) const {
    if (data.rows() == 0)
        return 0.0;
    std::size_t ok = 0;
    for (std::size_t i = 0; i < data.rows(); ++i)
        ok += predict(data, i) == data.y[i];
    return double(ok) / double(data.rows());
}

std::vector<std::string> learnerNames() {
    return {"logistic", "cart", "forest", "knn"};
}

std::unique_ptr<Learner> makeLearner(const std::string& name, std::uint64_t seed) {
    if (name == "logistic")
        return std::make_unique<LogisticRegression>();
    if (name == "cart")
        return std::make_unique<Cart>();
    if (name == "forest")
        return std::make_unique<RandomForest>(100, seed);
    if (name == "knn")
        return std::make_unique<Knn>(5);
    throw util::Error("unknown learner '" + name + "' (known: logistic, cart, forest, knn)");
}

} // namespace algoscope::rashomon
