// STUB (being written): writes the containers cases for check_containers.py.
int main() { return 0; }
