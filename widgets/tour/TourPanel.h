#pragma once
// The tour panel: one step of a lab's guided tour at a time, with Previous/Next, a step counter,
// "Do it for me" (the step's actions run through the lab's commands, so Undo works) and "Let me
// try" (the same actions written out for the user to do by hand). Closing the tour leaves the
// lab as it is.
#include "Tour.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace algoscope::ui {

class Lab;

class TourPanel : public QWidget {
    Q_OBJECT
public:
    explicit TourPanel(QWidget* parent = nullptr);

    void setTour(const Tour& tour, Lab* lab);
    const Tour& tour() const { return m_tour; }
    Lab* lab() const { return m_lab; }
    int currentStep() const { return m_step; }
    int stepCount() const { return int(m_tour.steps.size()); }

    void goToStep(int index);
    void next();
    void previous();
    /// Runs the current step's actions, one after another, each after the lab is idle again.
    void doCurrentStep();
    void showHint();
    /// True while "Do it for me" is still working through the step's actions.
    bool isRunningActions() const { return m_actionIndex >= 0; }
    /// The last action error of this step, empty when none.
    QString lastError() const { return m_error; }

Q_SIGNALS:
    void highlightRequested(const QString& target);
    void closeRequested();
    void stepChanged(int index);
    void actionsFinished(bool ok);

private:
    void showStep();
    void runNextAction();

    Tour m_tour;
    QPointer<Lab> m_lab;
    int m_step = 0;
    int m_actionIndex = -1;
    QString m_error;
    QLabel* m_tourTitle;
    QLabel* m_counter;
    QLabel* m_stepTitle;
    QTextBrowser* m_text;
    QLabel* m_hint;
    QLabel* m_status;
    QPushButton* m_prev;
    QPushButton* m_next;
    QPushButton* m_doIt;
    QPushButton* m_tryIt;
    QTimer* m_poll;
};

/// A translucent coloured frame drawn over a widget for a few seconds ("look here").
void flashHighlight(QWidget* target, int milliseconds = 2500);

} // namespace algoscope::ui
