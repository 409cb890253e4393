from zjgraph.cli import main

main()
