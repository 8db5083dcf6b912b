// Command timecmd runs a command N times and prints the median wall time
// in milliseconds: the whole-process figures of scripts/bench.sh
// (hyperfine is not assumed to be installed).
//
//	go run ./scripts/timecmd -n 15 -- openssl genpkey -algorithm RSA
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"time"
)

func main() {
	n := flag.Int("n", 11, "runs")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "uso: timecmd [-n N] -- COMANDO ...")
		os.Exit(2)
	}
	ds := make([]time.Duration, 0, *n)
	for range *n {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stdout, cmd.Stderr = nil, nil
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "timecmd: %v\n", err)
			os.Exit(1)
		}
		ds = append(ds, time.Since(start))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	fmt.Printf("%.1f\n", float64(ds[len(ds)/2].Microseconds())/1000)
}
