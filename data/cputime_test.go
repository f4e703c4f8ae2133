package data_test

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time this process has used (user and system). The
// benchmarks report it per operation beside the wall time (cpu-ns/op):
// on a machine other work shares, wall time measures the queue as much as
// the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time used since start per b.N operations.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
