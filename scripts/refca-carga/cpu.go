package main

import (
	"os"
	"strconv"
	"strings"
)

// Linux's USER_HZ, the unit of /proc's CPU times: 100 on every
// architecture Go supports there.
const ticksPorSegundo = 100

// cpuProcesos is the CPU time (user + system, seconds) used so far by
// the processes pids, from /proc/PID/stat; 0 where there is no /proc.
func cpuProcesos(pids []int) float64 {
	var t float64
	for _, p := range pids {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(p) + "/stat")
		if err != nil {
			continue
		}
		// The command name may hold spaces: fields count from its ')'.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.ParseFloat(f[11], 64) // utime, field 14
		k, _ := strconv.ParseFloat(f[12], 64) // stime, field 15
		t += (u + k) / ticksPorSegundo
	}
	return t
}

// cpuMaquina is the CPU time (seconds, all cores) the whole machine spent
// busy so far, from /proc/stat; 0 where there is none.
func cpuMaquina() float64 {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	linea, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(linea)
	if len(f) < 5 || f[0] != "cpu" {
		return 0
	}
	var t float64
	for i, x := range f[1:] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		v, _ := strconv.ParseFloat(x, 64)
		t += v
	}
	return t / ticksPorSegundo
}
