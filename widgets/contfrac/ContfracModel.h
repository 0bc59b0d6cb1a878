#pragma once
// The continued-fractions lab's document: the settings the panels edit (through undo commands,
// ContfracCommands.h) and the results the lab's worker computes: the certified expansion with its
// convergents, the convergence and delta series for the plots, the ESMA conjectures (streamed in
// while the search runs) and the PCF analysis with its limit guesses.
#include "contfrac/Esma.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

namespace algoscope::ui {

struct ContfracSettings {
    QString constant = QStringLiteral("e");
    QString signs; // "" = simple CF, else "+,-" etc.
    int terms = 60;
    int digits = 0; // 0 = automatic precision
    QString pcfA = QStringLiteral("(2n+1)(17n^2+17n+5)");
    QString pcfB = QStringLiteral("-(n+1)^6");
    int pcfDepth = 100;
    bool pcfRt = false; // ramanujantools convention
    QString esmaConstant = QStringLiteral("e");
    int esmaDegree = 1;
    int esmaCoeff = 2;
    int esmaMinPeriod = 1;
    int esmaMaxPeriod = 2;
    int esmaDepth = 100;
    int esmaVerifyDigits = 100;

    bool operator==(const ContfracSettings&) const = default;
    QJsonObject toJson() const;
    static ContfracSettings fromJson(const QJsonObject& o);
};

/// One row of the terms table.
struct ContfracTermRow {
    QString term;
    QString convergent; // "p/q", shortened when long
    double digits = 0;  // -log10 |x - p_n/q_n|
};

/// A curve of the convergence or delta plot.
struct ContfracSeries {
    QString name;
    QVector<double> n, y;
    double slope = 0; // digits per term (convergence plot)
};

/// A conjecture with its convergence curves (computed in the worker, not the GUI thread).
struct ContfracConjecture {
    contfrac::Conjecture conjecture;
    ContfracSeries signedSeries, simpleSeries;
};

struct ContfracPcfResult {
    QString a, b, value, limit; // limit: the best guess ("" when none)
    double digits = 0, digitsPerTerm = 0, delta = 0;
    bool blind = true;
    QStringList guesses;
};

/// What the formula view draws: lhs = a0 + b0/(a1 + b1/(a2 + ...)).
struct ContfracFormula {
    QString lhs;
    QStringList a; // partial denominators
    QStringList b; // numerators b0, b1, ... ("1", "-1", "-64", ...)
};

class ContfracModel : public QObject {
    Q_OBJECT
public:
    explicit ContfracModel(QObject* parent = nullptr);

    const ContfracSettings& settings() const { return m_settings; }
    void setSettings(const ContfracSettings& s);

    // Expansion
    const QVector<ContfracTermRow>& rows() const { return m_rows; }
    int digitsUsed() const { return m_digitsUsed; }
    QString expansionMessage() const { return m_message; }
    void setExpansion(QVector<ContfracTermRow> rows, int digitsUsed, QString message);

    // Plots: role -> series ("simple", "signed", "esma", "esma-simple", "pcf")
    const QMap<QString, ContfracSeries>& convergence() const { return m_convergence; }
    const QMap<QString, ContfracSeries>& delta() const { return m_delta; }
    void setConvergence(const QString& role, ContfracSeries s);
    void setDelta(const QString& role, ContfracSeries s);
    void removeSeries(const QString& role);

    // ESMA
    const std::vector<ContfracConjecture>& conjectures() const { return m_conjectures; }
    /// Starts a new result list; conjectures of an older run are ignored after this.
    int beginEsmaRun();
    void addConjecture(int run, ContfracConjecture c);
    void setEsmaStats(const contfrac::EsmaStats& s, const contfrac::EsmaOptions& o);
    const contfrac::EsmaStats& esmaStats() const { return m_esmaStats; }
    const contfrac::EsmaOptions& esmaOptions() const { return m_esmaOptions; }
    int selectedConjecture() const { return m_selected; }
    void selectConjecture(int index);

    // PCF
    const ContfracPcfResult& pcf() const { return m_pcf; }
    void setPcf(ContfracPcfResult r);

    const ContfracFormula& formula() const { return m_formula; }
    void setFormula(ContfracFormula f);

Q_SIGNALS:
    void settingsChanged();
    void expansionChanged();
    void seriesChanged();
    void conjecturesChanged();
    void conjectureAdded(int index);
    void selectionChanged(int index);
    void pcfChanged();
    void formulaChanged();

private:
    ContfracSettings m_settings;
    QVector<ContfracTermRow> m_rows;
    int m_digitsUsed = 0;
    QString m_message;
    QMap<QString, ContfracSeries> m_convergence, m_delta;
    std::vector<ContfracConjecture> m_conjectures;
    contfrac::EsmaStats m_esmaStats;
    contfrac::EsmaOptions m_esmaOptions;
    int m_run = 0;
    int m_selected = -1;
    ContfracPcfResult m_pcf;
    ContfracFormula m_formula;
};

} // namespace algoscope::ui
