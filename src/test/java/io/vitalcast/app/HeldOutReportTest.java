package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeldOutReportTest {

    @Test
    void shouldReportTheFirstMiddleAndLastHorizonStepEachOnce() {
        assertThat(HeldOutReport.reportedSteps(10)).containsExactly(1, 5, 10);
        assertThat(HeldOutReport.reportedSteps(3)).containsExactly(1, 3);
        assertThat(HeldOutReport.reportedSteps(1)).containsExactly(1);
    }
}
