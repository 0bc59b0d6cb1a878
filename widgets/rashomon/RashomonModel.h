#pragma once
// The Rashomon lab's document: the settings the panels edit (through SetRashomonSettingsCmd on
// the undo stack) and the results the lab's worker computes. theta is the one setting that needs
// no recount: the exact error distribution of the tree space is kept, so set size, ratio and the
// ratio-against-theta plot update live from it.
#include "rashomon/Binarizer.h"
#include "rashomon/Dataset.h"
#include "rashomon/RashomonCurve.h"
#include "rashomon/Tree.h"
#include "rashomon/TreeCounter.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>
#include <vector>

namespace algoscope::ui {

struct RashomonSettings {
    QString dataset = QStringLiteral("iris"); // bundled name or a CSV path
    QString classColumn;                      // empty: last column
    int quantiles = 4;                        // binarisation quantiles:K
    int depth = 3;
    bool fullDepth = false;
    double theta = 0.05;
    double testFraction = 0.25;
    int seed = 1;
    int featureX = 2; // the two features of the 2-D views
    int featureY = 3;

    bool operator==(const RashomonSettings&) const = default;
    QJsonObject toJson() const;
    static RashomonSettings fromJson(const QJsonObject& o);
};

struct RashomonLearnerRow {
    QString name;
    double trainAccuracy = 0, testAccuracy = 0;
};

/// Everything one recount produces (computed in the worker, handed over on the GUI thread).
struct RashomonResult {
    rashomon::Dataset train, test;                  // raw split
    std::shared_ptr<rashomon::TreeCounter> counter; // all features, settings.depth
    rashomon::BinaryData testBinary;
    rashomon::RashomonCurve curve;
    std::vector<RashomonLearnerRow> learners;
    // The 2-D views: trees on the two chosen features only, and linear directions by angle.
    std::shared_ptr<rashomon::TreeCounter> counter2d;
    std::vector<rashomon::BinaryFeature> features2d;
    QVector<double> angle, angleErrors; // 0-1 loss (fraction) of w = (cos a, sin a) in z-units
    double angleBest = 0;
    QString note;
};

class RashomonModel : public QObject {
    Q_OBJECT
public:
    explicit RashomonModel(QObject* parent = nullptr);

    const RashomonSettings& settings() const { return m_settings; }
    void setSettings(const RashomonSettings& s);

    bool hasResult() const { return m_result != nullptr; }
    const RashomonResult& result() const { return *m_result; }
    void setResult(std::shared_ptr<RashomonResult> r);

    /// Live numbers at the current theta (none without a result).
    int maxErrors() const;
    QString setSizeText() const;
    double log10Ratio() const;
    /// Pattern counts, computed with the trees (only for small spaces; empty otherwise).
    std::optional<double> patternRatio() const { return m_patternRatio; }
    void setPatternRatio(std::optional<double> r) { m_patternRatio = r; }

    /// Trees sampled uniformly from the set at the current theta (or all when small).
    const std::vector<rashomon::Tree>& trees() const { return m_trees; }
    bool treesAreWholeSet() const { return m_wholeSet; }
    void setTrees(std::vector<rashomon::Tree> t, bool wholeSet);
    /// Feature-use frequency over the browsed trees: (feature name, share of trees using it).
    std::vector<std::pair<QString, double>> featureUse() const;
    QString treesAsText() const;

Q_SIGNALS:
    void settingsChanged();
    void resultChanged();
    void treesChanged();

private:
    RashomonSettings m_settings;
    std::shared_ptr<RashomonResult> m_result;
    std::optional<double> m_patternRatio;
    std::vector<rashomon::Tree> m_trees;
    bool m_wholeSet = false;
};

} // namespace algoscope::ui
